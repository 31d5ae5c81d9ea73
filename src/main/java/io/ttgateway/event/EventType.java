package io.ttgateway.event;

/** Event types of CONTRACT.md section 5. */
public enum EventType {
    LEAD_RECEIVED("lead.received"),
    LEAD_UPDATED("lead.updated"),
    MESSAGE_RECEIVED("message.received"),
    REVIEW_RECEIVED("review.received"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_FAILED("message.failed"),
    CONNECTION_CONNECTED("connection.connected"),
    CONNECTION_NEEDS_REAUTH("connection.needs_reauth"),
    CONNECTION_DISCONNECTED("connection.disconnected");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
