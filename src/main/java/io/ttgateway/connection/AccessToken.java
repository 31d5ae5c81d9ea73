package io.ttgateway.connection;

import java.time.Instant;

/** A business's bearer token for calls to Thumbtack, or why there is none. */
public sealed interface AccessToken {

    record Bearer(String token, Instant expiresAt) implements AccessToken {
        @Override
        public String toString() {
            return "Bearer[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** Unknown business, DISCONNECTED or NEEDS_REAUTH: nothing works until the pro connects again. */
    record NotConnected(String reason) implements AccessToken {}

    /** A refresh failed for a passing reason, or is running elsewhere right now: try again later. */
    record Unavailable(String reason) implements AccessToken {}
}
