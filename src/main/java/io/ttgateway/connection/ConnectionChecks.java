package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;
import io.ttgateway.common.ResourceNotFoundException;
import java.time.Instant;

/** The checks before an on-demand refresh, as exceptions the error mappers turn into 404 / 409. */
final class ConnectionChecks {

    private ConnectionChecks() {}

    static void requireRefreshable(Connection row, String businessPk, Instant now) {
        if (row == null) {
            throw new ResourceNotFoundException("no connection for business " + businessPk);
        }
        if (row.status == ConnectionStatus.DISCONNECTED || row.refreshToken() == null) {
            throw new ConflictException("connection " + businessPk + " is disconnected; the pro must connect again");
        }
        if (row.leaseHeld(now)) {
            throw new RefreshBusyException(businessPk);
        }
    }
}
