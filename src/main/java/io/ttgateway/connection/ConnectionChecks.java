package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;
import io.ttgateway.common.ResourceNotFoundException;
import java.time.Instant;

/** The checks before an on-demand refresh, as exceptions the error mappers turn into 404 / 409. */
final class ConnectionChecks {

    private ConnectionChecks() {}

    /** A refresh claim refused by one of these checks (404 / 409 kinds): the caller gets no token from it. */
    static boolean refusedClaim(Throwable failure) {
        return failure instanceof ResourceNotFoundException || failure instanceof ConflictException;
    }

    /**
     * What a caller that needs a token gets from a refused claim: not now while a refresh runs or backs
     * off (until its end), else nothing until the pro connects again.
     */
    static AccessToken tokenAfterRefusedClaim(Throwable failure) {
        if (failure instanceof RefreshBackOffException backOff) {
            return backOff.asUnavailable();
        }
        if (failure instanceof RefreshBusyException) {
            return new AccessToken.Unavailable(failure.getMessage());
        }
        return new AccessToken.NotConnected(failure.getMessage());
    }

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
