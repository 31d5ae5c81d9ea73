package io.ttgateway.outbox;

import java.time.Duration;
import java.util.function.Function;

/**
 * What getting a new access token after a 401 came to. Callers {@link #fold} over the three, so a new
 * variant is a compile error at every caller, not a silent fall-through.
 */
public sealed interface Renewal {

    /** A token other than the refused one: refreshed by us, or by someone else since the send. */
    record Renewed(String accessToken) implements Renewal {
        @Override
        public <R> R fold(Function<Renewed, R> renewed, Function<Refused, R> refused, Function<NotYet, R> notYet) {
            return renewed.apply(this);
        }

        @Override
        public String toString() {
            return "Renewed[accessToken=<redacted>]";
        }
    }

    /** Thumbtack refused the refresh token (or the connection is gone): nothing works until the pro reconnects. */
    record Refused(String reason) implements Renewal {
        @Override
        public <R> R fold(Function<Renewed, R> renewed, Function<Refused, R> refused, Function<NotYet, R> notYet) {
            return refused.apply(this);
        }
    }

    /**
     * No new token for now (the refresh failed for a passing reason, or took too long): try again later;
     * not before {@code backingOffFor} has passed when the refresh backs off after a failure (null: it does
     * not).
     */
    record NotYet(String reason, Duration backingOffFor) implements Renewal {
        public NotYet(String reason) {
            this(reason, null);
        }

        @Override
        public <R> R fold(Function<Renewed, R> renewed, Function<Refused, R> refused, Function<NotYet, R> notYet) {
            return notYet.apply(this);
        }
    }

    /** The one way to take a renewal apart: exactly one of the three functions is applied. */
    <R> R fold(Function<Renewed, R> renewed, Function<Refused, R> refused, Function<NotYet, R> notYet);
}
