package io.ttgateway.connection;

import io.ttgateway.thumbtack.ThumbtackResult;

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
     * Thumbtack refused the refresh token ({@code answer} set) or it had expired ({@code answer} null):
     * the connection is NEEDS_REAUTH.
     */
    record NeedsReauth(Connection connection, String reason, ThumbtackResult<?> answer) implements RefreshResult {}

    /** No new pair for a passing reason (5xx, timeout, network, 429): back-off, status unchanged. */
    record Failed(ThumbtackResult<?> answer) implements RefreshResult {}

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
