package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;
import io.ttgateway.thumbtack.ThumbtackCallException;
import java.time.Instant;

/** What one refresh of a leased grant came to; each outcome says what it means to each kind of caller. */
public sealed interface GrantRefresh {

    /** The token a caller about to call Thumbtack gets (or why none). */
    AccessToken asAccessToken();

    /** For the partner API's refresh: nothing when refreshed, else the error it answers. */
    void throwUnlessRefreshed(String businessPk);

    /** thumbtack_token_refreshes_total's outcome tag. */
    String metricOutcome();

    /** New pair stored (the rotated refresh token replaced the old one in the same statement). */
    record Refreshed(long grantId, String accessToken, Instant expiresAt) implements GrantRefresh {
        @Override
        public AccessToken asAccessToken() {
            return new AccessToken.Bearer(accessToken, expiresAt);
        }

        @Override
        public void throwUnlessRefreshed(String businessPk) {
        }

        @Override
        public String metricOutcome() {
            return "refreshed";
        }

        @Override
        public String toString() {
            return "Refreshed[grantId=" + grantId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Thumbtack refused the refresh token (invalid_grant), or it expired: every business of the grant NEEDS_REAUTH. */
    record NeedsReauth(String reason, boolean refused) implements GrantRefresh {
        @Override
        public AccessToken asAccessToken() {
            return new AccessToken.NotConnected("the connection needs re-authorization: " + reason);
        }

        @Override
        public void throwUnlessRefreshed(String businessPk) {
            if (refused) {
                throw new ThumbtackCallException(502, "refreshing the token (the connection now needs"
                        + " re-authorization): " + reason);
            }
            throw new ConflictException("connection " + businessPk + ": " + reason);
        }

        @Override
        public String metricOutcome() {
            return refused ? "rejected" : "expired";
        }
    }

    /** No new pair for a passing reason: back-off until {@code nextAttemptAt}, status unchanged. */
    record Failed(String describe, boolean timedOut, RefreshFailure reason, Instant nextAttemptAt)
            implements GrantRefresh {
        @Override
        public AccessToken asAccessToken() {
            return new AccessToken.Unavailable("refresh failed: " + describe);
        }

        @Override
        public void throwUnlessRefreshed(String businessPk) {
            throw new ThumbtackCallException(timedOut ? 504 : 502, "refreshing the token: " + describe);
        }

        @Override
        public String metricOutcome() {
            return "failed";
        }
    }

    /** The lease ended before the result could be stored (the grant was revoked meanwhile): nothing stored. */
    record LeaseLost() implements GrantRefresh {
        @Override
        public AccessToken asAccessToken() {
            return new AccessToken.Unavailable("the connection changed while it was refreshed");
        }

        @Override
        public void throwUnlessRefreshed(String businessPk) {
            throw new ConflictException("connection " + businessPk + " changed while it was refreshed; retry");
        }

        @Override
        public String metricOutcome() {
            return "lease_lost";
        }
    }
}
