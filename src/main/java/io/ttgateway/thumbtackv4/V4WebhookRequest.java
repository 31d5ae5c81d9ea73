package io.ttgateway.thumbtackv4;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The body of a webhook's creation: where Thumbtack delivers, what, and with which credentials. */
@RegisterForReflection
public record V4WebhookRequest(String webhookURL, List<String> eventTypes, boolean enabled, V4WebhookAuth auth) {

    /** The event types this service stores (the others are not asked for). */
    public static final List<String> EVENT_TYPES = List.of("NegotiationCreatedV4", "MessageCreatedV4",
            "ReviewCreatedV4");

    public static V4WebhookRequest of(String webhookUrl, V4WebhookAuth auth) {
        return new V4WebhookRequest(webhookUrl, EVENT_TYPES, true, auth);
    }
}
