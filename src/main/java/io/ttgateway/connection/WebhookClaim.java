package io.ttgateway.connection;

import io.ttgateway.thumbtackv4.V4WebhookAuth;

/**
 * A business's webhook row leased for one registration attempt: its Thumbtack webhookID as known
 * (null before the first successful create), its state, and the credentials it holds (decrypted;
 * toString() hides them).
 */
record WebhookClaim(long id, String businessId, String leaseId, String webhookId, RegisteredWebhook.State state,
        V4WebhookAuth credentials) {

    @Override
    public String toString() {
        return "WebhookClaim[businessId=" + businessId + ", webhookId=" + webhookId + ", state=" + state + "]";
    }
}
