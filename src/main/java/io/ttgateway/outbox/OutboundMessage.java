package io.ttgateway.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message to a lead's customer, queued by the partner and delivered by the outbox worker. */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage extends PanacheEntityBase {

    @Schema(name = "OutboundStatus")
    public enum Status { PENDING, SENT, FAILED }

    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public String businessId;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(nullable = false)
    public String text;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_owner")
    public UUID leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The messageID Thumbtack's v4 API answered the send with (its echo delivery carries it). */
    @Column(name = "thumbtack_message_id")
    public String thumbtackMessageId;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
