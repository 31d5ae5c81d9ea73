package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.ttgateway.lead.ConversationEntry;
import io.ttgateway.lead.OutboundConversation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The pro's messages on a lead, for the lead's conversation view. */
@ApplicationScoped
public class OutboxConversation implements OutboundConversation {

    private final OutboxRepository repository;

    OutboxConversation(OutboxRepository repository) {
        this.repository = repository;
    }

    @Override
    public Uni<List<ConversationEntry>> forLead(String leadId) {
        return repository.forLead(leadId).map(messages -> messages.stream()
                .map(m -> ConversationEntry.outbound(m.id.toString(), m.text, m.createdAt, m.status.name()))
                .toList());
    }
}
