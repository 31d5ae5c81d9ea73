package io.ttgateway.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** One row of the event log behind the partner feed. Written in the transaction of its cause. */
@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String type;

    @Column(name = "business_id")
    public String businessId;

    @Column(name = "lead_id")
    public String leadId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    /** Null only for lead.received, whose data is the lead's (V7, V19; see the feed's read). */
    @Column(columnDefinition = "jsonb")
    // Bound as text first: a parameter typed jsonb would store the JSON text as one JSON string.
    @ColumnTransformer(read = "data::text", write = "?::text::jsonb")
    public String data;
}
