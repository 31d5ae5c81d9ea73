package io.ttgateway.lead;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores a batch of leads (distinct lead IDs) in one transaction of two statements through the
 * reactive SQL client, sent in one round trip.
 *
 * <ol>
 * <li>The advisory lock of every lead ("lead:" + leadID, the key {@code KeyLocks} uses, so an update
 * racing its lead queues behind it), taken in key order so two batches never deadlock.</li>
 * <li>One statement: the leads not stored yet, each with the latest update that arrived before it
 * (those updates marked applied), their request details and attachments, and one
 * {@code lead.received} event each (without a copy of the payload: the feed reads lead.raw), in the
 * batch's order. It runs after the locks, so its snapshot sees every lead and update committed by
 * a transaction that held a lock before us. Whether a lead is new is decided by the insert's
 * {@code ON CONFLICT (lead_id) DO NOTHING}, through the unique index whatever the plan. It returns
 * the IDs it stored.</li>
 * </ol>
 */
@ApplicationScoped
class LeadBatchSql {

    private static final String LOCK = "select pg_advisory_xact_lock(h) from (select distinct"
            + " hashtextextended('lead:' || k, 0) as h from unnest($1::text[]) as k order by h) as keys";

    static final String STORE = "with t as (select * from unnest($1::text[], $2::timestamptz[],"
            + " $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],"
            + " $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],"
            + " $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $37::text[])"
            + " with ordinality as t(lead_id, created_at, request_id, category, category_id, title, description,"
            + " schedule, travel_preferences, address1, address2, city, state, zip_code, customer_id,"
            + " customer_name, customer_phone, business_id, business_name, price, lead_type, lead_price,"
            + " charge_state, raw, raw_text, ord)),"
            // No "not exists (select from lead)" here: a cached generic plan made while the lead table was
            // small kept a hash anti join, i.e. a scan of every lead per batch (found in bench runs).
            // ON CONFLICT below is the existence check, always through the unique index.
            // "= any($1)" lets the partial index of pending updates find them by lead ID.
            + " latest as (select distinct on (lead_id) lead_id, lead_price, charge_state from lead_update"
            + " where lead_id = any($1::text[]) and applied_at is null order by lead_id, id desc),"
            + " stored as (insert into lead (lead_id, created_at, request_id, category, category_id, title,"
            + " description, schedule, travel_preferences, address1, address2, city, state, zip_code,"
            + " customer_id, customer_name, customer_phone, business_id, business_name, price, lead_type,"
            + " lead_price, charge_state, raw, raw_text, received_at, updated_at)"
            + " select f.lead_id, f.created_at, f.request_id, f.category, f.category_id, f.title, f.description,"
            + " f.schedule, f.travel_preferences, f.address1, f.address2, f.city, f.state, f.zip_code,"
            + " f.customer_id, f.customer_name, f.customer_phone, f.business_id, f.business_name, f.price,"
            + " f.lead_type, case when u.lead_id is null then f.lead_price else u.lead_price end,"
            + " case when u.lead_id is null then f.charge_state else u.charge_state end, f.raw::jsonb, f.raw_text,"
            + " $25, $25"
            + " from t f left join latest u on u.lead_id = f.lead_id order by f.ord"
            + " on conflict (lead_id) do nothing returning lead_id),"
            // the updates that arrived before their lead, now applied to it
            + " applied as (update lead_update set applied_at = $25 where lead_id = any($1::text[])"
            + " and applied_at is null and lead_id in (select lead_id from stored)),"
            + " details as (insert into lead_detail (lead_id, position, question, answer)"
            + " select d.l, d.p, d.q, d.a from unnest($26::text[], $27::int4[], $28::text[], $29::text[])"
            + " as d(l, p, q, a) where d.l in (select lead_id from stored)),"
            + " files as (insert into lead_attachment (lead_id, position, file_name, file_size, mime_type, url,"
            + " description) select a.l, a.p, a.n, a.s, a.m, a.u, a.d from unnest($30::text[], $31::int4[],"
            + " $32::text[], $33::int8[], $34::text[], $35::text[], $36::text[]) as a(l, p, n, s, m, u, d)"
            + " where a.l in (select lead_id from stored))"
            // the event's payload is lead.raw (V7): no second copy
            + " insert into event (type, business_id, lead_id, occurred_at)"
            + " select 'lead.received', f.business_id, f.lead_id, $25"
            + " from t f where f.lead_id in (select lead_id from stored) order by f.ord returning lead_id";

    private final Pool pool;

    LeadBatchSql(Pool pool) {
        this.pool = pool;
    }

    /**
     * The lead IDs of the batch that were stored now; the others were stored before. BEGIN, the locks,
     * the statement and COMMIT go to the server in one write (pipelined on one connection) and run there
     * in that order, so the batch costs one round trip instead of four. PostgreSQL takes each statement's
     * snapshot when it starts, so the statement still sees what committed while the locks were awaited;
     * after a failed statement the server answers the COMMIT with a rollback, and the batch fails.
     */
    Uni<Set<String>> store(List<NewLead> batch, Instant now) {
        String[] ids = batch.stream().map(n -> n.lead().leadId).toArray(String[]::new);
        Tuple rows = LeadBatchTuple.of(batch, now.atOffset(ZoneOffset.UTC));
        // The core client's calls write each command at once (Mutiny's lazy Unis did not put them on the
        // wire together: PostgreSQL sat idle in the transaction waiting for the next command).
        return pool.withConnection(connection -> {
            SqlConnection core = connection.getDelegate();
            List<Future<?>> sent = new ArrayList<>();
            sent.add(core.query("BEGIN").execute());
            sent.add(core.preparedQuery(LOCK).execute(io.vertx.sqlclient.Tuple.of(ids)));
            Future<RowSet<Row>> store = core.preparedQuery(STORE).execute(rows.getDelegate());
            sent.add(store);
            sent.add(core.query("COMMIT").execute());
            return Uni.createFrom().completionStage(Future.all(sent).toCompletionStage()).map(all -> {
                Set<String> stored = new HashSet<>();
                for (Row row : store.result()) {
                    stored.add(row.getString(0));
                }
                return stored;
            });
        });
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
