package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;

/**
 * Hands one outbound message to Thumbtack: `/v2` with the business's bearer token, or `/v1` with the
 * v1 Basic credentials for a business with no OAuth connection. Never throws for Thumbtack's answers:
 * they come back as {@link SendOutcome} values.
 */
public interface MessageSender {

    Uni<SendOutcome> send(String businessId, String leadId, String text);

    /** The same through /v2 with the given bearer token (after a 401, with the renewed one). */
    Uni<SendOutcome> sendWith(String accessToken, String businessId, String leadId, String text);

    /** After Thumbtack refused {@code refusedToken}: a token to try again with, or why there is none. */
    Uni<Renewal> renew(String businessId, String refusedToken);

    /** Whether a message for this business could be sent at all (connected, or v1 credentials set). */
    Uni<Boolean> canSend(String businessId);
}
