package io.ttgateway.event;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Appends events through Hibernate. Callers are inside their own transaction, so the event commits (or
 * not) with the change it describes. Writers on the reactive SQL client insert their events in their
 * own statements, with the type's wire name bound from {@link EventType} (see there).
 */
@ApplicationScoped
public class EventLog {

    public Uni<Event> append(NewEvent newEvent) {
        Event event = new Event();
        event.type = newEvent.type().wireName();
        event.businessId = newEvent.businessId();
        event.leadId = newEvent.leadId();
        event.data = newEvent.data();
        event.occurredAt = Instant.now();
        return event.persist();
    }
}
