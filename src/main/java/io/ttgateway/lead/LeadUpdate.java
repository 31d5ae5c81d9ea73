package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/** A PUT /v1/lead/update as received; appliedAt is null while its lead is not known yet. */
@Entity
@Table(name = "lead_update")
public class LeadUpdate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(name = "lead_price")
    public String leadPrice;

    @Column(name = "charge_state")
    public String chargeState;

    @Column(columnDefinition = "jsonb", nullable = false)
    // Bound as text first: a parameter typed jsonb would store the JSON text as one JSON string.
    @ColumnTransformer(read = "raw::text", write = "?::text::jsonb")
    public String raw;

    /** The body exactly as received when jsonb cannot hold it as it is (see V12); otherwise null. */
    @Column(name = "raw_text")
    public String rawText;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "applied_at")
    public Instant appliedAt;

    /** Whether both set the lead to the same values. */
    public boolean sameValuesAs(LeadUpdate other) {
        return other != null
                && LeadColumn.UPDATED.stream().allMatch(column -> Objects.equals(column.of(this), column.of(other)));
    }
}
