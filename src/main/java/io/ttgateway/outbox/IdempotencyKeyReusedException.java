package io.ttgateway.outbox;

import java.util.UUID;

/** An Idempotency-Key already used for another request of the business (another lead or text): 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final UUID firstMessage;

    public IdempotencyKeyReusedException(String key, UUID firstMessage) {
        super("Idempotency-Key " + key + " was already used for a different request", null, false, false);
        this.firstMessage = firstMessage;
    }

    public UUID firstMessage() {
        return firstMessage;
    }
}
