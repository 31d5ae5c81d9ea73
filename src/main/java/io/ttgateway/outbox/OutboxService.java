package io.ttgateway.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.common.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Queues outbound messages (durably, idempotently) and reads their delivery state. */
@ApplicationScoped
public class OutboxService {

    private final OutboxRepository repository;
    private final MessageSender sender;
    private final KeyLocks locks;
    private final OutboxConfig config;

    OutboxService(OutboxRepository repository, MessageSender sender, KeyLocks locks, OutboxConfig config) {
        this.repository = repository;
        this.sender = sender;
        this.locks = locks;
        this.config = config;
    }

    /**
     * A repeat with the same Idempotency-Key (per business) returns the first message and creates
     * nothing. The same key with another lead or text is a partner's bug, not a repeat: 422, so it does
     * not go unnoticed while that message is never sent. Repeats queue behind the key's advisory lock,
     * so of two different requests with one key at once, the second sees the first.
     */
    @WithTransaction
    public Uni<Enqueued> enqueue(String businessId, String leadId, String text, String idempotencyKey) {
        validate(text, idempotencyKey);
        if (idempotencyKey == null) {
            return create(businessId, leadId, text, null);
        }
        return locks.lock("outbox-key", businessId + ":" + idempotencyKey)
                .chain(() -> repository.findByIdempotencyKey(businessId, idempotencyKey))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(repeat(existing, leadId, text, idempotencyKey))
                        : create(businessId, leadId, text, idempotencyKey));
    }

    private Uni<Enqueued> create(String businessId, String leadId, String text, String idempotencyKey) {
        return sender.canSend(businessId).chain(canSend -> {
            if (!canSend) {
                throw new ConflictException("business " + businessId
                        + " is not connected to Thumbtack and no v1 credentials are configured");
            }
            return repository.insertPending(UUID.randomUUID(), businessId, leadId, text, idempotencyKey)
                    .map(saved -> new Enqueued(OutboundView.of(saved), true));
        });
    }

    private static Enqueued repeat(OutboundMessage first, String leadId, String text, String idempotencyKey) {
        if (!first.leadId.equals(leadId) || !first.text.equals(text)) {
            throw new IdempotencyKeyReusedException(idempotencyKey, first.id);
        }
        return new Enqueued(OutboundView.of(first), false);
    }

    @WithSession
    public Uni<OutboundView> get(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new ResourceNotFoundException("no outbound message " + id));
        }
        return repository.findById(uuid)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("no outbound message " + id))
                .map(OutboundView::of);
    }

    private void validate(String text, String idempotencyKey) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.field("text", "must not be empty");
        }
        if (text.length() > config.maxTextLength()) {
            throw InvalidInputException.field("text", "must be at most " + config.maxTextLength() + " characters");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw InvalidInputException.field("Idempotency-Key", "must be 1 to 255 characters");
        }
    }
}
