package io.ttgateway.message;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepositoryBase<Message, Long> {

    public Uni<Message> findByMessageId(String messageId) {
        return find("messageId", messageId).firstResult();
    }
}
