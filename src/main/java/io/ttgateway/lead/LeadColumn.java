package io.ttgateway.lead;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The columns of the lead table a new lead is stored with, in the order of the batch statement
 * ({@link LeadBatchSql}): the one list the statement and its parameters ({@link LeadBatchTuple}) are
 * built from, and the one place that says which of them a lead update sets.
 */
enum LeadColumn {
    LEAD_ID("lead_id", Kind.TEXT, l -> l.leadId),
    CREATED_AT("created_at", Kind.TIME, l -> l.createdAt),
    REQUEST_ID("request_id", Kind.TEXT, l -> l.requestId),
    CATEGORY("category", Kind.TEXT, l -> l.category),
    CATEGORY_ID("category_id", Kind.TEXT, l -> l.categoryId),
    TITLE("title", Kind.TEXT, l -> l.title),
    DESCRIPTION("description", Kind.TEXT, l -> l.description),
    SCHEDULE("schedule", Kind.TEXT, l -> l.schedule),
    TRAVEL_PREFERENCES("travel_preferences", Kind.TEXT, l -> l.travelPreferences),
    ADDRESS1("address1", Kind.TEXT, l -> l.address1),
    ADDRESS2("address2", Kind.TEXT, l -> l.address2),
    CITY("city", Kind.TEXT, l -> l.city),
    STATE("state", Kind.TEXT, l -> l.state),
    ZIP_CODE("zip_code", Kind.TEXT, l -> l.zipCode),
    CUSTOMER_ID("customer_id", Kind.TEXT, l -> l.customerId),
    CUSTOMER_NAME("customer_name", Kind.TEXT, l -> l.customerName),
    CUSTOMER_PHONE("customer_phone", Kind.TEXT, l -> l.customerPhone),
    BUSINESS_ID("business_id", Kind.TEXT, l -> l.businessId),
    BUSINESS_NAME("business_name", Kind.TEXT, l -> l.businessName),
    PRICE("price", Kind.TEXT, l -> l.price),
    LEAD_TYPE("lead_type", Kind.TEXT, l -> l.leadType),
    LEAD_PRICE("lead_price", l -> l.leadPrice, u -> u.leadPrice, (l, value) -> l.leadPrice = value),
    CHARGE_STATE("charge_state", l -> l.chargeState, u -> u.chargeState, (l, value) -> l.chargeState = value),
    PAYLOAD("payload", Kind.JSON, l -> l.payload),
    // the body byte for byte when payload holds the storable copy (a number beyond jsonb's numeric; V12), else null
    RAW_TEXT("raw_text", Kind.TEXT, l -> l.rawText),
    // the request's details and attachments (LeadParts), never null for a lead stored now
    DETAILS("details", Kind.JSONB, l -> l.details),
    ATTACHMENTS("attachments", Kind.JSONB, l -> l.attachments),
    API_VERSION("api_version", Kind.TEXT, l -> l.apiVersion.wireName()),
    STATUS("status", Kind.TEXT, l -> l.status),
    NEXT_POLL_AT("next_poll_at", Kind.TIME, l -> l.nextPollAt),
    RECEIVED_AT("received_at", Kind.BATCH_TIME, null),
    UPDATED_AT("updated_at", Kind.BATCH_TIME, null);

    /** How the batch statement fills a column. */
    enum Kind {
        /** From a text[] parameter, as it is. */
        TEXT,
        /** From a timestamptz[] parameter. */
        TIME,
        /** From a text[] parameter, cast: a parameter typed jsonb would store the JSON text as one JSON string. */
        JSONB,
        /** From a text[] parameter, cast to json (kept as the text it is, once checked to be JSON). */
        JSON,
        /** As TEXT, unless an update of the lead arrived before it: then the latest such update's value. */
        UPDATED,
        /** No parameter of its own: the batch's time. */
        BATCH_TIME
    }

    /** The columns bound as parameter arrays, in the statement's order: parameter i is the array of column i. */
    static final List<LeadColumn> PARAMETERS = Arrays.stream(values()).filter(c -> c.kind != Kind.BATCH_TIME).toList();

    /** The columns a lead update sets (lead_update has columns of the same names). */
    static final List<LeadColumn> UPDATED = Arrays.stream(values()).filter(c -> c.kind == Kind.UPDATED).toList();

    private final String column;
    private final Kind kind;
    private final Function<Lead, Object> value;
    private final Function<LeadUpdate, String> updateValue;
    private final BiConsumer<Lead, String> set;

    LeadColumn(String column, Kind kind, Function<Lead, Object> value) {
        this(column, kind, value, null, null);
    }

    LeadColumn(String column, Function<Lead, Object> value, Function<LeadUpdate, String> updateValue,
            BiConsumer<Lead, String> set) {
        this(column, Kind.UPDATED, value, updateValue, set);
    }

    LeadColumn(String column, Kind kind, Function<Lead, Object> value, Function<LeadUpdate, String> updateValue,
            BiConsumer<Lead, String> set) {
        this.column = column;
        this.kind = kind;
        this.value = value;
        this.updateValue = updateValue;
        this.set = set;
    }

    String column() {
        return column;
    }

    /** The element type of its parameter array. */
    String parameterType() {
        return kind == Kind.TIME ? "timestamptz" : "text";
    }

    boolean isTime() {
        return kind == Kind.TIME;
    }

    /** The lead's value (an Instant for a time); columns with a parameter only. */
    Object of(Lead lead) {
        return value.apply(lead);
    }

    /** What the insert selects: the input column f, the latest earlier update u, or {@code now}. */
    String select(String now) {
        return switch (kind) {
            case TEXT, TIME -> "f." + column;
            case JSONB -> "f." + column + "::jsonb";
            case JSON -> "f." + column + "::json";
            case UPDATED -> "case when u.lead_id is null then f." + column + " else u." + column + " end";
            case BATCH_TIME -> now;
        };
    }

    /** The value a lead update sets this column to (UPDATED columns only). */
    String of(LeadUpdate update) {
        return updateValue.apply(update);
    }

    /** Sets the lead's value of this column to the update's (UPDATED columns only). */
    void copy(LeadUpdate update, Lead lead) {
        set.accept(lead, of(update));
    }
}
