package io.ttgateway.message;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A customer's message to a pro (POST /v1/message); its lead may arrive later. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "business_id", nullable = false)
    public String businessId;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(columnDefinition = "jsonb", nullable = false)
    // Bound as text first: a parameter typed jsonb would store the JSON text as one JSON string.
    @ColumnTransformer(read = "raw::text", write = "?::text::jsonb")
    public String raw;

    /** The body exactly as received when jsonb cannot hold it as it is (see V12); otherwise null. */
    @Column(name = "raw_text")
    public String rawText;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
