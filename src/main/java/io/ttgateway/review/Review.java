package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A review of a pro (POST /v1/review). */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "review_id", nullable = false, updatable = false)
    public String reviewId;

    @Column(name = "business_id", nullable = false)
    public String businessId;

    @Column(name = "lead_id")
    public String leadId;

    @Column(name = "category_id")
    public String categoryId;

    public String rating;
    public String text;

    @Column(name = "reviewer_name")
    public String reviewerName;

    @Column(name = "reviewer_nickname")
    public String reviewerNickname;

    /** Null for a v4 review (v4 has no such flag). */
    public Boolean verified;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    @Column(name = "review_event_type", nullable = false)
    public String reviewEventType;

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
