package io.ttgateway.lead;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.StorageUnavailableException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Stores a new lead in one transaction of two statements, straight through the reactive SQL client
 * (the webhook's hot path: the Hibernate version took eleven round trips and most of the CPU).
 *
 * <ol>
 * <li>Take the lead's advisory lock (the key {@code KeyLocks} uses, "lead:" + leadID, so an update
 * racing its lead queues behind it) and insert the lead {@code ON CONFLICT DO NOTHING}: no row back
 * means it was already stored (a repeat, also when a concurrent repeat committed while we waited).</li>
 * <li>In one statement: the request details and attachments, the updates that arrived before the lead
 * (applied in arrival order: the latest one's price and charge state win, all marked applied), and the
 * {@code lead.received} event. It runs after the lock, so its snapshot sees every update committed by
 * a transaction that held the lock before us.</li>
 * </ol>
 */
@ApplicationScoped
public class LeadWriter {

    private static final String INSERT_LEAD = "with locked as (select pg_advisory_xact_lock(hashtextextended($1, 0)))"
            + " insert into lead (lead_id, created_at, request_id, category, category_id, title, description,"
            + " schedule, travel_preferences, address1, address2, city, state, zip_code, customer_id,"
            + " customer_name, customer_phone, business_id, business_name, price, lead_type, lead_price,"
            + " charge_state, raw, received_at, updated_at)"
            + " select $2::text, $3::timestamptz, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text,"
            + " $10::text, $11::text, $12::text, $13::text, $14::text, $15::text, $16::text, $17::text, $18::text,"
            + " $19::text, $20::text, $21::text, $22::text, $23::text, $24::text, $25::text::jsonb,"
            + " $26::timestamptz, $26::timestamptz from locked"
            + " on conflict (lead_id) do nothing returning id";

    private static final String INSERT_PARTS = "with details as ("
            + " insert into lead_detail (lead_id, position, question, answer)"
            + " select $1::text, t.n - 1, t.q, t.a from unnest($2::text[], $3::text[]) with ordinality as t(q, a, n)),"
            + " files as ("
            + " insert into lead_attachment (lead_id, position, file_name, file_size, mime_type, url, description)"
            + " select $1, t.n - 1, t.f, t.s, t.m, t.u, t.d"
            + " from unnest($4::text[], $5::int8[], $6::text[], $7::text[], $8::text[]) with ordinality as t(f, s, m, u, d, n)),"
            + " pending as ("
            + " update lead_update set applied_at = $9::timestamptz where lead_id = $1 and applied_at is null"
            + " returning id, lead_price, charge_state),"
            + " latest as (select lead_price, charge_state from pending order by id desc limit 1),"
            + " applied as ("
            + " update lead set lead_price = latest.lead_price, charge_state = latest.charge_state, updated_at = $9"
            + " from latest where lead.lead_id = $1)"
            + " insert into event (type, business_id, lead_id, occurred_at, data)"
            + " values ('lead.received', $10, $1, $9, $11::text::jsonb)";

    private final Pool pool;

    LeadWriter(Pool pool) {
        this.pool = pool;
    }

    /** True when stored, false when this lead ID was stored before. */
    public Uni<Boolean> storeNew(Lead lead, List<LeadDetail> details, List<LeadAttachment> files) {
        Tuple row = Tuple.tuple()
                .addString("lead:" + lead.leadId).addString(lead.leadId).addValue(time(lead.createdAt))
                .addString(lead.requestId).addString(lead.category).addString(lead.categoryId)
                .addString(lead.title).addString(lead.description).addString(lead.schedule)
                .addString(lead.travelPreferences).addString(lead.address1).addString(lead.address2)
                .addString(lead.city).addString(lead.state).addString(lead.zipCode).addString(lead.customerId)
                .addString(lead.customerName).addString(lead.customerPhone).addString(lead.businessId)
                .addString(lead.businessName).addString(lead.price).addString(lead.leadType)
                .addString(lead.leadPrice).addString(lead.chargeState).addString(lead.raw)
                .addValue(time(lead.receivedAt));
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_LEAD).execute(row)
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(Boolean.FALSE)
                        : connection.preparedQuery(INSERT_PARTS).execute(parts(lead, details, files))
                                .replaceWith(Boolean.TRUE)))
                // Every failure here is the database's. Most arrive as Vert.x exceptions (answered 503),
                // but a connection cut mid-statement surfaces as Netty's IOException, which the REST
                // layer would answer 500 without a log line (seen in bench/faults.sh case a).
                .onFailure(e -> !(e instanceof StorageUnavailableException)).transform(StorageUnavailableException::new);
    }

    private static Tuple parts(Lead lead, List<LeadDetail> details, List<LeadAttachment> files) {
        return Tuple.tuple()
                .addString(lead.leadId)
                .addArrayOfString(details.stream().map(d -> d.question).toArray(String[]::new))
                .addArrayOfString(details.stream().map(d -> d.answer).toArray(String[]::new))
                .addArrayOfString(files.stream().map(f -> f.file.fileName).toArray(String[]::new))
                .addArrayOfLong(files.stream().map(f -> f.file.fileSize).toArray(Long[]::new))
                .addArrayOfString(files.stream().map(f -> f.file.mimeType).toArray(String[]::new))
                .addArrayOfString(files.stream().map(f -> f.file.url).toArray(String[]::new))
                .addArrayOfString(files.stream().map(f -> f.file.description).toArray(String[]::new))
                .addValue(time(lead.receivedAt))
                .addString(lead.businessId)
                .addString(lead.raw);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
