package io.ttgateway.webhook;

import java.util.Arrays;

/** The v4 event types this service reads, each with its metrics label; any other is stored raw. */
enum V4EventKind {
    NEGOTIATION_CREATED("NegotiationCreatedV4", "v4.negotiation_created"),
    MESSAGE_CREATED("MessageCreatedV4", "v4.message_created"),
    REVIEW_CREATED("ReviewCreatedV4", "v4.review_created"),
    UNHANDLED(null, "v4.unhandled");

    /** The label of a delivery whose event type could not be read (a bad body). */
    static final String UNREAD = "v4";

    private final String eventType;
    private final String label;

    V4EventKind(String eventType, String label) {
        this.eventType = eventType;
        this.label = label;
    }

    static V4EventKind of(String eventType) {
        return Arrays.stream(values()).filter(kind -> kind.eventType != null && kind.eventType.equals(eventType))
                .findFirst().orElse(UNHANDLED);
    }

    String label() {
        return label;
    }
}
