package io.ttgateway.connection;

import io.ttgateway.thumbtack.ThumbtackResult;
import java.time.Instant;

/** What one refresh of a leased connection came to. */
public sealed interface RefreshResult {

    /** New token pair stored. */
    record Refreshed(Connection connection, String accessToken) implements RefreshResult {
        @Override
        public String toString() {
            return "Refreshed[" + connection.businessPk + "]";
        }
    }

    /**
     * Thumbtack refused the refresh token ({@code answer} set: OAuth's {@code invalid_grant}) or it had
     * expired ({@code answer} null): the connection is NEEDS_REAUTH.
     */
    record NeedsReauth(Connection connection, String reason, ThumbtackResult<?> answer) implements RefreshResult {}

    /**
     * No new pair, and the refresh token was not refused (any other answer, timeout, network, breaker):
     * back-off until {@code nextAttemptAt}, status unchanged.
     */
    record Failed(ThumbtackResult<?> answer, RefreshFailure reason, Instant nextAttemptAt) implements RefreshResult {}

    /** The lease ended before the result could be stored (disconnected meanwhile): nothing stored. */
    record LeaseLost() implements RefreshResult {}

    default String metricOutcome() {
        if (this instanceof Refreshed) {
            return "refreshed";
        }
        if (this instanceof NeedsReauth needsReauth) {
            return needsReauth.answer() == null ? "expired" : "rejected";
        }
        if (this instanceof Failed) {
            return "failed";
        }
        return "lease_lost";
    }
}
