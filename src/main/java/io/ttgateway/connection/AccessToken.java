package io.ttgateway.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * A business's bearer token for calls to Thumbtack, or why there is none. Callers {@link #fold} over
 * the three, so a new variant is a compile error at every caller, not a silent fall-through.
 */
public sealed interface AccessToken {

    record Bearer(String token, Instant expiresAt) implements AccessToken {
        @Override
        public <R> R fold(Function<Bearer, R> bearer, Function<NotConnected, R> notConnected,
                Function<Unavailable, R> unavailable) {
            return bearer.apply(this);
        }

        @Override
        public String toString() {
            return "Bearer[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** Unknown business, DISCONNECTED or NEEDS_REAUTH: nothing works until the pro connects again. */
    record NotConnected(String reason) implements AccessToken {
        @Override
        public <R> R fold(Function<Bearer, R> bearer, Function<NotConnected, R> notConnected,
                Function<Unavailable, R> unavailable) {
            return notConnected.apply(this);
        }
    }

    /**
     * A refresh failed for a passing reason, is running elsewhere right now, or the refresh backs off
     * after a failure for {@code backingOffFor} more (by the database's clock; null when it does not back
     * off): try again later.
     */
    record Unavailable(String reason, Duration backingOffFor) implements AccessToken {
        public Unavailable(String reason) {
            this(reason, null);
        }

        @Override
        public <R> R fold(Function<Bearer, R> bearer, Function<NotConnected, R> notConnected,
                Function<Unavailable, R> unavailable) {
            return unavailable.apply(this);
        }
    }

    /** The one way to take a token apart: exactly one of the three functions is applied. */
    <R> R fold(Function<Bearer, R> bearer, Function<NotConnected, R> notConnected, Function<Unavailable, R> unavailable);
}
