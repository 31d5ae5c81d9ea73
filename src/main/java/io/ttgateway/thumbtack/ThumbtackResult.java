package io.ttgateway.thumbtack;

import java.util.function.Function;

/**
 * What a call to Thumbtack came to. Expected outcomes are values, never exceptions:
 * {@link Ok} (2xx with a usable body), {@link Rejected} (Thumbtack answered 4xx: it understood and
 * refused; never retried) and {@link Failed} (no usable answer even after the bounded retries).
 * Callers {@link #fold} over the three, so a new variant is a compile error at every caller, not a
 * silent fall-through.
 */
public sealed interface ThumbtackResult<T> {

    /** Why there was no usable answer. */
    enum Failure {
        /** 5xx, still after the retries. */
        SERVER_ERROR,
        /** No answer within the per-attempt timeout, still after the retries. */
        TIMEOUT,
        /** Connection refused, reset, closed, DNS, TLS. */
        NETWORK,
        /** Not even tried: the circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN,
        /** The body was the literal {@code null} (Thumbtack's refresh grace-period answer), still after the retries. */
        NULL_ANSWER,
        /** 2xx with a body that is not what the reference documents. */
        BAD_ANSWER
    }

    record Ok<T>(T body) implements ThumbtackResult<T> {
        @Override
        public <R> R fold(Function<T, R> ok, Function<Rejected<T>, R> rejected, Function<Failed<T>, R> failed) {
            return ok.apply(body);
        }

        @Override
        public String describe() {
            return "ok";
        }
    }

    /**
     * {@code message} is Thumbtack's own message, with any secret of the call replaced by [redacted];
     * {@code error} the OAuth error code of the body ({@code "error": "invalid_grant"}), or null.
     */
    record Rejected<T>(int status, String message, String error) implements ThumbtackResult<T> {
        public Rejected(int status, String message) {
            this(status, message, null);
        }

        @Override
        public <R> R fold(Function<T, R> ok, Function<Rejected<T>, R> rejected, Function<Failed<T>, R> failed) {
            return rejected.apply(this);
        }

        /** OAuth's answer for a refresh token or code the server refuses (RFC 6749, 5.2). */
        public boolean invalidGrant() {
            return "invalid_grant".equals(error);
        }

        @Override
        public String describe() {
            return "Thumbtack answered " + status + ": " + message;
        }
    }

    record Failed<T>(Failure failure, String message) implements ThumbtackResult<T> {
        @Override
        public <R> R fold(Function<T, R> ok, Function<Rejected<T>, R> rejected, Function<Failed<T>, R> failed) {
            return failed.apply(this);
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
    <R> R fold(Function<T, R> ok, Function<Rejected<T>, R> rejected, Function<Failed<T>, R> failed);

    /** A short text for logs and error answers, free of tokens and secrets. */
    String describe();

    /** Whether Thumbtack answered 2xx with a usable body. */
    default boolean succeeded() {
        return fold(body -> true, rejected -> false, failed -> false);
    }

    /** The service's own answer for a caller of the partner API: 502, or 504 when Thumbtack timed out. */
    default ThumbtackCallException toException(String what) {
        return fold(body -> {
            throw new IllegalStateException("not a failure: Ok");
        }, rejected -> new ThumbtackCallException(502, what + ": " + rejected.describe()),
                failed -> new ThumbtackCallException(failed.timedOut() ? 504 : 502, what + ": " + failed.describe()));
    }
}
