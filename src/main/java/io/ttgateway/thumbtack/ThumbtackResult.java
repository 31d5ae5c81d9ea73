package io.ttgateway.thumbtack;

/**
 * What a call to Thumbtack came to. Expected outcomes are values, never exceptions:
 * {@link Ok} (2xx with a usable body), {@link Rejected} (Thumbtack answered 4xx: it understood and
 * refused; never retried) and {@link Failed} (no usable answer even after the bounded retries).
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
        public boolean timedOut() {
            return failure == Failure.TIMEOUT;
        }

        @Override
        public String describe() {
            return message;
        }
    }

    /** A short text for logs and error answers, free of tokens and secrets. */
    String describe();

    /** The service's own answer for a caller of the partner API: 502, or 504 when Thumbtack timed out. */
    default ThumbtackCallException toException(String what) {
        if (this instanceof Rejected<T> rejected) {
            return new ThumbtackCallException(502, what + ": " + rejected.describe());
        }
        if (this instanceof Failed<T> failed) {
            return new ThumbtackCallException(failed.timedOut() ? 504 : 502, what + ": " + failed.describe());
        }
        throw new IllegalStateException("not a failure: Ok");
    }
}
