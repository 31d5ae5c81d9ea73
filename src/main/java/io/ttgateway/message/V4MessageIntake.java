package io.ttgateway.message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.connection.ApiVersion;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import io.ttgateway.outbox.EchoText;
import io.ttgateway.webhook.Outcome;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.Attachments;
import io.ttgateway.webhook.payload.V4MessageData;
import io.ttgateway.webhook.payload.V4Times;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Stores v4 MessageCreatedV4 deliveries, once per messageID (never per negotiationID: a lead's first
 * message carries the lead's ID). Each first takes the message's lock ("v4-message:" + messageID),
 * the lock the outbox takes when it records the messageID Thumbtack answered a send with, so an echo
 * and the record of its send never interleave.
 *
 * <ul>
 * <li>From the customer: a message 'in', event message.received, whether its lead is known yet or not
 * (the conversation joins them by lead ID when the lead arrives).</li>
 * <li>From the business: the pro's own message 'out'. When an outbound message already carries its
 * messageID it is this service's own send coming back: nothing stored. When an outbound message of the
 * lead with the same text (as {@link EchoText} compares them) is still in flight, it may be that send's echo whose answer is not recorded
 * yet: stored with echo_pending and no event (the outbox deletes it when the send records this
 * messageID, or releases it with message.pro_sent when no such send is left). Otherwise event
 * message.pro_sent.</li>
 * </ul>
 */
@ApplicationScoped
public class V4MessageIntake {

    private static final String OWN_ECHO = """
            select count(*) from outbound_message where thumbtack_message_id = :messageId""";

    /** Inserted with echo_pending decided in the same statement, after the lock; null when a repeat. */
    private static final String INSERT = """
            insert into message (message_id, lead_id, customer_id, business_id, text, created_at, raw, raw_text,
                received_at, direction, echo_pending)
            values (:messageId, :leadId, cast(:customerId as varchar), :businessId, :text,
                cast(:createdAt as timestamptz), cast(cast(:raw as text) as jsonb), cast(:rawText as text), :receivedAt,
                :direction, :direction = 'out' and exists (select 1 from outbound_message o
                    where o.lead_id = :leadId and o.status = 'PENDING'
                    and (o.lease_until > now() or o.attempts > 0) and %s))
            on conflict (message_id) do nothing
            returning echo_pending""".formatted(EchoText.same("o.text", ":text"));

    private final KeyLocks locks;
    private final EventLog events;

    V4MessageIntake(KeyLocks locks, EventLog events) {
        this.locks = locks;
        this.events = events;
    }

    @WithTransaction
    public Uni<Outcome> receive(Parsed<?> delivery, V4MessageData p, String businessId) {
        return locks.lock("v4-message", p.messageID())
                .chain(() -> p.fromCustomer() ? Uni.createFrom().item(Boolean.FALSE) : ownEcho(p.messageID()))
                .chain(own -> own ? Uni.createFrom().item(Outcome.DUPLICATE) : insert(delivery, p, businessId));
    }

    private Uni<Boolean> ownEcho(String messageId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(OWN_ECHO, Long.class)
                .setParameter("messageId", messageId).getSingleResult())
                .map(count -> count > 0);
    }

    private Uni<Outcome> insert(Parsed<?> delivery, V4MessageData p, String businessId) {
        Instant createdAt = V4Times.parse(p.sentAt(), "data.sentAt");
        String text = Objects.requireNonNullElse(p.text(), "");
        String customerId = p.fromCustomer() && p.customer() != null ? p.customer().customerID() : null;
        List<MessageAttachment> attachments = Attachments.toEntities(p.attachments(), (i, file) -> {
            MessageAttachment attachment = new MessageAttachment();
            attachment.messageId = p.messageID();
            attachment.position = i;
            attachment.file = file;
            return attachment;
        });
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT, Boolean.class)
                .setParameter("messageId", p.messageID())
                .setParameter("leadId", p.negotiationID())
                .setParameter("customerId", customerId)
                .setParameter("businessId", businessId)
                .setParameter("text", text)
                .setParameter("createdAt", createdAt)
                .setParameter("raw", delivery.rawJson())
                .setParameter("rawText", delivery.rawText())
                .setParameter("receivedAt", Instant.now())
                .setParameter("direction", p.fromCustomer() ? "in" : "out")
                .getResultList())
                .chain(inserted -> {
                    if (inserted.isEmpty()) {
                        return Uni.createFrom().item(Outcome.DUPLICATE);
                    }
                    boolean echoPending = Boolean.TRUE.equals(inserted.get(0));
                    Uni<Void> files = Panache.getSession().chain(s -> s.persistAll(attachments.toArray()));
                    if (echoPending) {
                        return files.replaceWith(Outcome.STORED);
                    }
                    NewEvent.V4Message m = new NewEvent.V4Message(p.negotiationID(), customerId, businessId,
                            p.messageID(), createdAt, text, delivery.raw().path("data").path("attachments"), p.from(),
                            ApiVersion.V4.wireName());
                    NewEvent event = p.fromCustomer() ? NewEvent.messageReceived(m) : NewEvent.messageProSent(m);
                    return files.chain(() -> events.append(event))
                            .replaceWith(Outcome.STORED);
                });
    }
}
