package io.ttgateway.thumbtackv4;

import io.ttgateway.thumbtack.ThumbtackCallException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a call to Thumbtack's v4 API came to. Expected outcomes are values, never exceptions:
 * {@link Ok} (2xx with a usable body), {@link Refused} (Thumbtack answered 4xx: it understood and
 * refused; 429 included, with its Retry-After) and {@link Unanswered} (no usable answer even after
 * the call's bounded retries). Callers {@link #fold} over the three, so a new variant is a compile
 * error at every caller, not a silent fall-through.
 */
public sealed interface V4Result<T> {

    /** Why there was no usable answer. */
    enum Failure {
        /** 5xx, still after the retries. */
        SERVER_ERROR,
        /** 202: Thumbtack's firewall held the request (a silent challenge), which is not a success. */
        CHALLENGED,
        /** No answer within the per-attempt timeout, still after the retries. */
        TIMEOUT,
        /** Connection refused, reset, closed, DNS, TLS. */
        NETWORK,
        /** Not even tried: the call's circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN,
        /** The token endpoint answered the literal null, still after the retries. */
        NULL_ANSWER,
        /** 2xx with a body that is not what Thumbtack documents. */
        BAD_ANSWER
    }

    record Ok<T>(T body) implements V4Result<T> {
        @Override
        public <R> R fold(Function<T, R> ok, Function<Refused<T>, R> refused, Function<Unanswered<T>, R> unanswered) {
            return ok.apply(body);
        }

        @Override
        public String describe() {
            return "ok";
        }
    }

    /**
     * Thumbtack answered 4xx. {@code message} is its own text (RFC 7807 detail/title or OAuth
     * error_description), with every secret of the call replaced by [redacted]; {@code error} the
     * OAuth error code ({@code invalid_grant}, {@code invalid_client}) or null.
     */
    record Refused<T>(int status, String message, String error, Optional<Duration> retryAfter)
            implements V4Result<T> {
        @Override
        public <R> R fold(Function<T, R> ok, Function<Refused<T>, R> refused, Function<Unanswered<T>, R> unanswered) {
            return refused.apply(this);
        }

        /** OAuth's answer for a refresh token or code the server refuses (RFC 6749, 5.2). */
        public boolean invalidGrant() {
            return "invalid_grant".equals(error);
        }

        /** The access token was refused (expired or revoked): worth one refresh. */
        public boolean unauthorized() {
            return status == 401;
        }

        /** Rate limited: worth a retry after {@link #retryAfter}, or after a back-off. */
        public boolean rateLimited() {
            return status == 429;
        }

        @Override
        public String describe() {
            return "Thumbtack answered " + status + ": " + message;
        }
    }

    /** No usable answer; {@code retryAfter} when a 503 named one. */
    record Unanswered<T>(Failure failure, String message, Optional<Duration> retryAfter) implements V4Result<T> {
        public Unanswered(Failure failure, String message) {
            this(failure, message, Optional.empty());
        }

        @Override
        public <R> R fold(Function<T, R> ok, Function<Refused<T>, R> refused, Function<Unanswered<T>, R> unanswered) {
            return unanswered.apply(this);
        }

        public boolean timedOut() {
            return failure == Failure.TIMEOUT;
        }

        @Override
        public String describe() {
            return message;
        }
    }

    /** The one way to take a result apart: exactly one of the three functions is applied. */
    <R> R fold(Function<T, R> ok, Function<Refused<T>, R> refused, Function<Unanswered<T>, R> unanswered);

    /** A short text for logs and error answers, free of tokens and secrets. */
    String describe();

    /** The body of an {@link Ok}, or the service's own error for a partner API caller (502, 504 on a timeout). */
    default T orThrow(String what) {
        return fold(Function.identity(),
                refused -> {
                    throw new ThumbtackCallException(502, what + ": " + refused.describe());
                },
                unanswered -> {
                    throw new ThumbtackCallException(unanswered.timedOut() ? 504 : 502,
                            what + ": " + unanswered.describe());
                });
    }
}
