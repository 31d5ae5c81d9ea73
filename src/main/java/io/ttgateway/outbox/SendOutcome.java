package io.ttgateway.outbox;

/** What one attempt to hand a message to Thumbtack came to. */
public sealed interface SendOutcome {

    /** Thumbtack accepted the message (2xx). */
    record Sent() implements SendOutcome {}

    /** 401: the bearer token {@code refusedToken} was refused; get a new one and try again. */
    record Unauthorized(String detail, String refusedToken) implements SendOutcome {
        @Override
        public String toString() {
            return "Unauthorized[detail=" + detail + ", refusedToken=<redacted>]";
        }
    }

    /** 429, 5xx, timeout or network error: try again later with back-off. */
    record Retryable(String reason) implements SendOutcome {}

    /** Any other 4xx: Thumbtack will never take this message. */
    record Rejected(int status, String detail) implements SendOutcome {}

    /** Thumbtack's circuit breaker is open: nothing was sent, so this does not use up an attempt. */
    record Paused(String reason) implements SendOutcome {}

    /** No OAuth connection (or it needs re-authorisation) and no v1 credentials. */
    record NoCredentials(String reason) implements SendOutcome {}
}
