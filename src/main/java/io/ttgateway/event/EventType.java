package io.ttgateway.event;

/**
 * The event types of the feed (the contract's sections 5 and 7) and their wire names: the one place
 * that spells them. Events are written by several paths, some through {@link EventLog} and some inside
 * single-statement SQL that binds the wire name from here, so the vocabulary cannot live with any one
 * writer. The data of each kind is built by its factory in {@link NewEvent}. Who writes each kind:
 * <ul>
 * <li>{@code lead.received}: {@code LeadBatchSql}, in the batch statement of lead intake (legacy and v4;
 * a legacy lead's event has no data: the feed reads the lead's raw payload).</li>
 * <li>{@code lead.updated}: {@code LeadIntake} (a legacy update webhook) and {@code LeadChanges} (a v4
 * lead read back by the lead watch or a sync).</li>
 * <li>{@code message.received}: {@code MessageIntake} and {@code V4MessageIntake}.</li>
 * <li>{@code message.pro_sent}: {@code V4MessageIntake}, and {@code OutcomeWriter} and {@code EchoSweeper}
 * when they release a pro message that waited for a send's outcome.</li>
 * <li>{@code review.received}: {@code ReviewIntake} and {@code V4ReviewIntake} (delivery and reviews sync).</li>
 * <li>{@code message.sent}, {@code message.failed}: {@code OutcomeRecorder}, through {@code OutcomeWriter}.</li>
 * <li>{@code connection.*}: {@code ConnectionEvents}.</li>
 * <li>{@code webhook.unhandled}: {@code V4UnhandledIntake}.</li>
 * </ul>
 * Read by {@code feed/}, which hands out the stored name as it is.
 */
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
