package io.ttgateway.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import io.ttgateway.webhook.payload.V4Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * A v4 delivery of an event type the service does not read: kept as received in v4_delivery with its
 * webhook's business, and announced as webhook.unhandled (its data: the delivery). Such deliveries carry
 * no ID the service knows to be unique, so each delivery is kept.
 */
@ApplicationScoped
class V4UnhandledIntake {

    private static final String INSERT = """
            insert into v4_delivery (business_id, event_type, webhook_id, raw, raw_text, received_at)
            values (:businessId, :eventType, cast(:webhookId as varchar), cast(cast(:raw as text) as jsonb), cast(:rawText as text),
                :receivedAt)""";

    private final EventLog events;

    V4UnhandledIntake(EventLog events) {
        this.events = events;
    }

    @WithTransaction
    public Uni<Outcome> receive(Parsed<V4Delivery> delivery, String businessId) {
        V4Delivery.Event event = delivery.payload().event();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("businessId", businessId)
                .setParameter("eventType", event.eventType())
                .setParameter("webhookId", event.webhookID())
                .setParameter("raw", delivery.rawJson())
                .setParameter("rawText", delivery.rawText())
                .setParameter("receivedAt", Instant.now())
                .executeUpdate())
                .chain(() -> events.append(NewEvent.webhookUnhandled(businessId, delivery.rawJson())))
                .replaceWith(Outcome.STORED);
    }
}
