package io.ttgateway.message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Epochs;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import io.ttgateway.lead.LeadRepository;
import io.ttgateway.webhook.Outcome;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.Attachments;
import io.ttgateway.webhook.payload.MessagePayload;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Stores customer messages, once per messageID. A message whose lead is unknown is kept (202). */
@ApplicationScoped
public class MessageIntake {

    private final KeyLocks locks;
    private final MessageRepository messages;
    private final LeadRepository leads;
    private final EventLog events;

    MessageIntake(KeyLocks locks, MessageRepository messages, LeadRepository leads, EventLog events) {
        this.locks = locks;
        this.messages = messages;
        this.leads = leads;
        this.events = events;
    }

    @WithTransaction
    public Uni<Outcome> receive(Parsed<MessagePayload> parsed) {
        MessagePayload p = parsed.payload();
        return locks.lock("message", p.message().messageID())
                .chain(() -> messages.findByMessageId(p.message().messageID()))
                .chain(existing -> existing != null ? Uni.createFrom().item(Boolean.FALSE) : store(parsed))
                .chain(stored -> leads.findByLeadId(p.leadID())
                        .map(lead -> lead == null ? Outcome.LEAD_NOT_KNOWN
                                : stored ? Outcome.STORED : Outcome.DUPLICATE));
    }

    private Uni<Boolean> store(Parsed<MessagePayload> parsed) {
        MessagePayload p = parsed.payload();
        Message message = new Message();
        message.messageId = p.message().messageID();
        message.leadId = p.leadID();
        message.customerId = p.customerID();
        message.businessId = p.businessID();
        message.text = p.message().text();
        message.createdAt = Epochs.toInstant(p.message().createTimestamp());
        message.raw = parsed.rawJson();
        message.rawText = parsed.rawText();
        message.receivedAt = Instant.now();
        List<MessageAttachment> attachments = Attachments.toEntities(p.message().attachments(), (i, file) -> {
            MessageAttachment attachment = new MessageAttachment();
            attachment.messageId = message.messageId;
            attachment.position = i;
            attachment.file = file;
            return attachment;
        });
        return messages.persist(message)
                .chain(() -> Panache.getSession().chain(s -> s.persistAll(attachments.toArray())))
                .chain(() -> events.append(NewEvent.messageReceived(message.businessId, message.leadId, message.raw)))
                .replaceWith(Boolean.TRUE);
    }
}
