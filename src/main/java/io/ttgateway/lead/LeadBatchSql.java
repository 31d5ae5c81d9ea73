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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores a batch of leads (distinct lead IDs) in one transaction of two statements through the
 * reactive SQL client, sent in one round trip.
 *
 * <ol>
 * <li>The advisory lock of every lead ("lead:" + leadID, the key {@code KeyLocks} uses, so an update
 * racing its lead queues behind it), taken in key order so two batches never deadlock.</li>
 * <li>One statement: the leads not stored yet, each with the latest update that arrived before it
 * (those updates marked applied), its request details and attachments and its event's data in its own
 * columns, and one {@code lead.received} event each, without data (the feed reads the lead's), in the
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

    static final String STORE = store();

    /** The statement, built from {@link LeadColumn} (parameter i is the array of column i). */
    private static String store() {
        List<LeadColumn> columns = LeadColumn.PARAMETERS;
        int eventData = columns.size() + 1;
        int now = eventData + 1;
        int eventType = now + 1;
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            inputs.append('$').append(i + 1).append("::").append(columns.get(i).parameterType()).append("[], ");
        }
        String leadIds = "$" + (columns.indexOf(LeadColumn.LEAD_ID) + 1);
        String inputNames = names(columns);
        String names = names(List.of(LeadColumn.values()));
        String selects = Arrays.stream(LeadColumn.values()).map(c -> c.select("$" + now))
                .collect(Collectors.joining(", "));
        return "with t as (select * from unnest(" + inputs + "$" + eventData + "::text[])"
                + " with ordinality as t(" + inputNames + ", event_data, ord)),"
                // No "not exists (select from lead)" here: a cached generic plan made while the lead table was
                // small kept a hash anti join, i.e. a scan of every lead per batch (found in bench runs).
                // ON CONFLICT below is the existence check, always through the unique index.
                // "= any($1)" lets the partial index of pending updates find them by lead ID.
                + " latest as (select distinct on (lead_id) lead_id, " + names(LeadColumn.UPDATED) + " from lead_update"
                + " where lead_id = any(" + leadIds + "::text[]) and applied_at is null order by lead_id, id desc),"
                + " stored as (insert into lead (" + names + ", received_event_data)"
                + " select " + selects + ", f.event_data::json"
                + " from t f left join latest u on u.lead_id = f.lead_id order by f.ord"
                + " on conflict (lead_id) do nothing returning lead_id),"
                // the updates that arrived before their lead, now applied to it
                + " applied as (update lead_update set applied_at = $" + now
                + " where lead_id = any(" + leadIds + "::text[])"
                + " and applied_at is null and lead_id in (select lead_id from stored))"
                // the event row has no data: it is the lead's (V7, V19), no second copy
                + " insert into event (type, business_id, lead_id, occurred_at)"
                + " select $" + eventType + "::text, f.business_id, f.lead_id, $" + now
                + " from t f where f.lead_id in (select lead_id from stored) order by f.ord returning lead_id";
    }

    private static String names(List<LeadColumn> columns) {
        return columns.stream().map(LeadColumn::column).collect(Collectors.joining(", "));
    }

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
