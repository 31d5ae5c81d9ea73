package io.ttgateway.event;

/** The event types of the feed (the contract's sections 5 and 7). */
public enum EventType {
    LEAD_RECEIVED("lead.received"),
    LEAD_UPDATED("lead.updated"),
    MESSAGE_RECEIVED("message.received"),
    REVIEW_RECEIVED("review.received"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_FAILED("message.failed"),
    CONNECTION_CONNECTED("connection.connected"),
    CONNECTION_NEEDS_REAUTH("connection.needs_reauth"),
    CONNECTION_DISCONNECTED("connection.disconnected"),
    /** A business connected the legacy way became a v4 connection. */
    CONNECTION_MIGRATED("connection.migrated"),
    /** A message the pro wrote in Thumbtack's own app (v4 delivers both sides of a conversation). */
    MESSAGE_PRO_SENT("message.pro_sent"),
    /** A v4 delivery of an event type this service does not interpret; stored raw. */
    WEBHOOK_UNHANDLED("webhook.unhandled");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
