package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.ttgateway.connection.ApiVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A lead Thumbtack sent (POST /v1/lead, or a v4 NegotiationCreatedV4), with its latest price and charge state. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false, updatable = false)
    public String leadId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "request_id")
    public String requestId;

    public String category;

    @Column(name = "category_id")
    public String categoryId;

    public String title;
    public String description;
    public String schedule;

    @Column(name = "travel_preferences")
    public String travelPreferences;

    public String address1;
    public String address2;
    public String city;
    public String state;

    @Column(name = "zip_code")
    public String zipCode;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "customer_name")
    public String customerName;

    @Column(name = "customer_phone")
    public String customerPhone;

    @Column(name = "business_id")
    public String businessId;

    @Column(name = "business_name")
    public String businessName;

    public String price;

    @Column(name = "lead_type")
    public String leadType;

    @Column(name = "lead_price")
    public String leadPrice;

    @Column(name = "charge_state")
    public String chargeState;

    /**
     * The payload as stored in the json column payload (V19): {@code Parsed.rawJson}, the body less the
     * whitespace between its tokens, else the parsed tree's text. Never rewritten: a lead.received event
     * serves it (V7). Written by {@link LeadBatchSql} only, the one insert of a lead, and not read with the
     * entity: nothing the API answers from a lead row needs it, and loading it would detoast a few KB per
     * lead read. (A lead stored before V19 has it in the jsonb column raw, which the entity does not map.)
     */
    @Transient
    public String payload;

    /**
     * The request's details as a JSON array ({@link LeadParts}); null for a lead stored before V18, whose
     * details are rows of lead_detail.
     */
    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(read = "details::text", write = "?::text::jsonb")
    public String details;

    /** The request's attachments as a JSON array ({@link LeadParts}); null before V18, as details. */
    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(read = "attachments::text", write = "?::text::jsonb")
    public String attachments;

    /** The body exactly as received when jsonb cannot hold it as it is (see V12); otherwise null. */
    @Column(name = "raw_text", updatable = false)
    public String rawText;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Which API brought the lead; the first one wins (a lead is one row whatever API brought it). */
    @Column(name = "api_version", nullable = false, updatable = false)
    @Convert(converter = ApiVersion.Column.class)
    public ApiVersion apiVersion = ApiVersion.LEGACY;

    /** The v4 negotiation's status (Open, Canceled, Picked); null for a legacy lead. */
    public String status;

    /** When the v4 change watch reads this lead next; null for a legacy lead. */
    @Column(name = "next_poll_at")
    public Instant nextPollAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
