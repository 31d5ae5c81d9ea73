package io.ttgateway.event;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Appends events. Callers are inside their own transaction, so the event commits (or not) with
 * the change it describes.
 */
@ApplicationScoped
public class EventLog {

    public Uni<Event> append(EventType type, String businessId, String leadId, String dataJson) {
        Event event = new Event();
        event.type = type.wireName();
        event.businessId = businessId;
        event.leadId = leadId;
        event.data = dataJson;
        event.occurredAt = Instant.now();
        return event.persist();
    }
}
