package io.ttgateway.message;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepositoryBase<Message, Long> {

    public Uni<Message> findByMessageId(String messageId) {
        return find("messageId", messageId).firstResult();
    }

    /** A lead's customer messages in the order they were written (then received). */
    public Uni<List<Message>> forLead(String leadId) {
        return list("leadId", Sort.by("createdAt").and("id"), leadId);
    }

    public Uni<List<MessageAttachment>> attachments(Collection<String> messageIds) {
        return MessageAttachment.list("messageId in ?1", Sort.by("messageId").and("position"), messageIds);
    }
}
