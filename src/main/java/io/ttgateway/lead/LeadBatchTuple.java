package io.ttgateway.lead;

import io.ttgateway.event.EventType;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parameters of {@link LeadBatchSql}'s statement: one array per column, one element per row, and
 * last the wire name of the events it writes.
 */
final class LeadBatchTuple {

    /**
     * A column of the lead table as the batch stores it: its name, the element type of its parameter
     * array, the value of a lead, and what the insert selects (the input column as it is, unless said).
     */
    record LeadColumn(String name, String type, Function<Lead, Object> value, String select) {

        static LeadColumn text(String name, Function<Lead, Object> value) {
            return new LeadColumn(name, "text", value, "f." + name);
        }

        static LeadColumn time(String name, Function<Lead, Instant> value) {
            return new LeadColumn(name, "timestamptz", lead -> LeadBatchSql.time(value.apply(lead)), "f." + name);
        }

        /** Its price and charge state come from the latest update that arrived before the lead, if any. */
        static LeadColumn updatable(String name, Function<Lead, Object> value) {
            return new LeadColumn(name, "text", value,
                    "case when u.lead_id is null then f." + name + " else u." + name + " end");
        }
    }

    /** Every column a lead webhook fills, in the statement's order: the one list the statement is built from. */
    static final List<LeadColumn> COLUMNS = List.of(
            LeadColumn.text("lead_id", l -> l.leadId),
            LeadColumn.time("created_at", l -> l.createdAt),
            LeadColumn.text("request_id", l -> l.requestId),
            LeadColumn.text("category", l -> l.category),
            LeadColumn.text("category_id", l -> l.categoryId),
            LeadColumn.text("title", l -> l.title),
            LeadColumn.text("description", l -> l.description),
            LeadColumn.text("schedule", l -> l.schedule),
            LeadColumn.text("travel_preferences", l -> l.travelPreferences),
            LeadColumn.text("address1", l -> l.address1),
            LeadColumn.text("address2", l -> l.address2),
            LeadColumn.text("city", l -> l.city),
            LeadColumn.text("state", l -> l.state),
            LeadColumn.text("zip_code", l -> l.zipCode),
            LeadColumn.text("customer_id", l -> l.customerId),
            LeadColumn.text("customer_name", l -> l.customerName),
            LeadColumn.text("customer_phone", l -> l.customerPhone),
            LeadColumn.text("business_id", l -> l.businessId),
            LeadColumn.text("business_name", l -> l.businessName),
            LeadColumn.text("price", l -> l.price),
            LeadColumn.text("lead_type", l -> l.leadType),
            LeadColumn.updatable("lead_price", l -> l.leadPrice),
            LeadColumn.updatable("charge_state", l -> l.chargeState),
            // bound as text: a parameter typed jsonb would store the JSON text as one JSON string
            new LeadColumn("raw", "text", l -> l.raw, "f.raw::jsonb"),
            // the body as received, for the few leads jsonb cannot hold as they are (null otherwise)
            LeadColumn.text("raw_text", l -> l.rawText),
            LeadColumn.text("api_version", l -> l.apiVersion.wireName()),
            LeadColumn.text("status", l -> l.status),
            LeadColumn.time("next_poll_at", l -> l.nextPollAt));

    private LeadBatchTuple() {
    }

    static Tuple of(List<NewLead> batch, OffsetDateTime now) {
        List<Lead> leads = batch.stream().map(NewLead::lead).toList();
        List<LeadDetail> details = new ArrayList<>();
        List<LeadAttachment> files = new ArrayList<>();
        for (NewLead lead : batch) {
            details.addAll(lead.details());
            files.addAll(lead.attachments());
        }
        Tuple tuple = Tuple.tuple();
        for (LeadColumn column : COLUMNS) {
            if (column.type().equals("timestamptz")) {
                tuple.addArrayOfOffsetDateTime(leads.stream().map(l -> (OffsetDateTime) column.value().apply(l))
                        .toArray(OffsetDateTime[]::new));
            } else {
                tuple.addArrayOfString(leads.stream().map(l -> (String) column.value().apply(l)).toArray(String[]::new));
            }
        }
        return tuple.addArrayOfString(strings(batch, NewLead::eventData))
                .addValue(now)
                .addArrayOfString(strings(details, d -> d.leadId))
                .addArrayOfInteger(details.stream().map(d -> d.position).toArray(Integer[]::new))
                .addArrayOfString(strings(details, d -> d.question))
                .addArrayOfString(strings(details, d -> d.answer))
                .addArrayOfString(strings(files, f -> f.leadId))
                .addArrayOfInteger(files.stream().map(f -> f.file.position).toArray(Integer[]::new))
                .addArrayOfString(strings(files, f -> f.file.fileName))
                .addArrayOfLong(files.stream().map(f -> f.file.fileSize).toArray(Long[]::new))
                .addArrayOfString(strings(files, f -> f.file.mimeType))
                .addArrayOfString(strings(files, f -> f.file.url))
                .addArrayOfString(strings(files, f -> f.file.description))
                .addString(EventType.LEAD_RECEIVED.wireName());
    }

    private static <T> String[] strings(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }
}
