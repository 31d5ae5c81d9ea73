package io.ttgateway.outbox;

import java.time.Duration;

/**
 * What one attempt to hand a message to Thumbtack came to. Callers take it apart with
 * {@link #accept} and a {@link Cases}, so a new variant is a compile error at every caller, not a
 * silent fall-through.
 */
public sealed interface SendOutcome {

    /** One method per variant: what a caller does with each. */
    interface Cases<R> {
        R sent(Sent sent);

        R unauthorized(Unauthorized unauthorized);

        R retryable(Retryable retryable);

        R rejected(Rejected rejected);

        R paused(Paused paused);

        R noCredentials(NoCredentials noCredentials);
    }

    /** Applies exactly one method of {@code cases}: this variant's. */
    <R> R accept(Cases<R> cases);

    /**
     * Thumbtack accepted the message (2xx). {@code thumbtackMessageId}: the messageID the v4 API
     * answered (its echo delivery carries it); null through the legacy API, which answers none.
     */
    record Sent(String thumbtackMessageId) implements SendOutcome {
        public Sent() {
            this(null);
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.sent(this);
        }
    }

    /** 401: the bearer token {@code refusedToken} was refused; get a new one and try again. */
    record Unauthorized(String detail, String refusedToken) implements SendOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.unauthorized(this);
        }

        @Override
        public String toString() {
            return "Unauthorized[detail=" + detail + ", refusedToken=<redacted>]";
        }
    }

    /**
     * 429, 5xx, a 202 challenge, timeout or network error: try again later with back-off, and not
     * before {@code notBefore} when Thumbtack named a Retry-After (null: it did not).
     */
    record Retryable(String reason, Duration notBefore) implements SendOutcome {
        public Retryable(String reason) {
            this(reason, null);
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.retryable(this);
        }
    }

    /** Any other 4xx: Thumbtack will never take this message. */
    record Rejected(int status, String detail) implements SendOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.rejected(this);
        }
    }

    /**
     * Nothing can go out for now and this does not use up an attempt: Thumbtack's circuit breaker is
     * open (nothing was sent), or the business's token was refused while its refresh backs off after a
     * failure (the refusal says nothing about the message). Not before {@code notBefore} when that is
     * known (null: the breaker's delay).
     */
    record Paused(String reason, Duration notBefore) implements SendOutcome {
        public Paused(String reason) {
            this(reason, null);
        }

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.paused(this);
        }
    }

    /** No OAuth connection (or it needs re-authorisation) and no v1 credentials. */
    record NoCredentials(String reason) implements SendOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.noCredentials(this);
        }
    }
}
