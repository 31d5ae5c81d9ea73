package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;
import java.time.Instant;

/** The grant's last refresh failed for a passing reason and it backs off until {@code until}: try again then. */
public class RefreshBackOffException extends ConflictException {
    public RefreshBackOffException(String businessPk, Instant until, String lastError) {
        super("the token refresh of connection " + businessPk + " is backing off until " + until
                + " after it failed (" + lastError + ")");
    }
}
