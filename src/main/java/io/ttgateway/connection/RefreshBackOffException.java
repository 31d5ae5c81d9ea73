package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;
import java.time.Duration;
import java.time.Instant;

/**
 * The grant's last refresh failed for a passing reason and it backs off until {@code until}: try again then.
 * Both times are the database's ({@code now} its now()), so what is left of the back-off holds whatever
 * this replica's clock says.
 */
public class RefreshBackOffException extends ConflictException {

    private final Duration remaining;

    public RefreshBackOffException(String businessPk, Instant until, Instant now, String lastError) {
        super("the token refresh of connection " + businessPk + " is backing off until " + until
                + " after it failed (" + lastError + ")");
        this.remaining = Duration.between(now, until);
    }

    /** The answer for a caller that needs a token now: none before the back-off ends. */
    public AccessToken.Unavailable asUnavailable() {
        return new AccessToken.Unavailable(getMessage(), remaining);
    }
}
