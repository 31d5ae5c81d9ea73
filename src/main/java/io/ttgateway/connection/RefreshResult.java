package io.ttgateway.connection;

import io.ttgateway.thumbtack.ThumbtackResult;
import java.time.Instant;
import java.util.function.Function;

/**
 * What one refresh of a leased connection came to. Callers {@link #fold} over the four, so a new
 * variant is a compile error at every caller, not a silent fall-through.
 */
public sealed interface RefreshResult {

    /** New token pair stored. */
    record Refreshed(Connection connection, String accessToken) implements RefreshResult {
        @Override
        public <R> R fold(Function<Refreshed, R> refreshed, Function<NeedsReauth, R> needsReauth,
                Function<Failed, R> failed, Function<LeaseLost, R> leaseLost) {
            return refreshed.apply(this);
        }

        @Override
        public String toString() {
            return "Refreshed[" + connection.businessPk + "]";
        }
    }

    /**
     * Thumbtack refused the refresh token ({@code answer} set: OAuth's {@code invalid_grant}) or it had
     * expired ({@code answer} null): the connection is NEEDS_REAUTH.
     */
    record NeedsReauth(Connection connection, String reason, ThumbtackResult<?> answer) implements RefreshResult {
        @Override
        public <R> R fold(Function<Refreshed, R> refreshed, Function<NeedsReauth, R> needsReauth,
                Function<Failed, R> failed, Function<LeaseLost, R> leaseLost) {
            return needsReauth.apply(this);
        }
    }

    /**
     * No new pair, and the refresh token was not refused (any other answer, timeout, network, breaker):
     * back-off until {@code nextAttemptAt}, status unchanged.
     */
    record Failed(ThumbtackResult<?> answer, RefreshFailure reason, Instant nextAttemptAt) implements RefreshResult {
        @Override
        public <R> R fold(Function<Refreshed, R> refreshed, Function<NeedsReauth, R> needsReauth,
                Function<Failed, R> failed, Function<LeaseLost, R> leaseLost) {
            return failed.apply(this);
        }
    }

    /** The lease ended before the result could be stored (disconnected meanwhile): nothing stored. */
    record LeaseLost() implements RefreshResult {
        @Override
        public <R> R fold(Function<Refreshed, R> refreshed, Function<NeedsReauth, R> needsReauth,
                Function<Failed, R> failed, Function<LeaseLost, R> leaseLost) {
            return leaseLost.apply(this);
        }
    }

    /** The one way to take a result apart: exactly one of the four functions is applied. */
    <R> R fold(Function<Refreshed, R> refreshed, Function<NeedsReauth, R> needsReauth, Function<Failed, R> failed,
            Function<LeaseLost, R> leaseLost);

    default String metricOutcome() {
        return fold(refreshed -> "refreshed",
                needsReauth -> needsReauth.answer() == null ? "expired" : "rejected",
                failed -> "failed",
                leaseLost -> "lease_lost");
    }
}
