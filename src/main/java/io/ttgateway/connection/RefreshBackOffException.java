package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;
import java.time.Instant;

/** The grant's last refresh failed for a passing reason and it backs off until {@code until}: try again then. */
public class RefreshBackOffException extends ConflictException {

    private final Instant until;

    public RefreshBackOffException(String businessPk, Instant until, String lastError) {
        super("the token refresh of connection " + businessPk + " is backing off until " + until
                + " after it failed (" + lastError + ")");
        this.until = until;
    }

    /** When the back-off ends, by the database's clock. */
    public Instant until() {
        return until;
    }

    /** The answer for a caller that needs a token now: none before the back-off ends. */
    public AccessToken.Unavailable asUnavailable() {
        return new AccessToken.Unavailable(getMessage(), until);
    }
}
