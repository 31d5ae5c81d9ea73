package io.ttgateway.lead;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.config.DbPoolLimits;
import io.ttgateway.support.CapturedLog;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Group commit of lead webhooks ({@link LeadWriter}): many leads per transaction, each answered after it. */
@QuarkusTest
class LeadBatchTest {

    @Inject
    Db db;

    @Inject
    Pool pool;

    @Inject
    LeadWriter writer;

    @Inject
    LeadBatchConfig batchConfig;

    @Test
    void concurrentLeadsAreStoredTogetherEachExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(Fixtures.newId());
            bodies.add(Fixtures.lead(ids.get(i), Fixtures.newId()).toString());
        }
        for (int i = 0; i < 20; i++) {
            bodies.add(bodies.get(i * 5)); // a repeat delivered at the same moment as the first
        }
        double batchesBefore = Metrics.value("thumbtack_lead_batch_size_count");
        List<String> answers = postAllAtOnce(bodies);

        assertThat(answers).hasSize(120).allMatch(a -> a.startsWith("200 "));
        assertThat(answers.stream().filter(a -> a.contains("\"stored\""))).hasSize(100);
        assertThat(answers.stream().filter(a -> a.contains("\"duplicate\""))).hasSize(20);
        String[] idArray = ids.toArray(String[]::new);
        assertThat(db.count("select count(*) from lead where lead_id = any($1)", (Object) idArray)).isEqualTo(100);
        assertThat(db.count("select sum(jsonb_array_length(details)) from lead where lead_id = any($1)",
                (Object) idArray)).isEqualTo(200);
        assertThat(db.count("select sum(jsonb_array_length(attachments)) from lead where lead_id = any($1)",
                (Object) idArray)).isEqualTo(100);
        assertThat(db.count("select count(distinct lead_id) from event where lead_id = any($1)"
                + " and type = 'lead.received'", (Object) idArray)).isEqualTo(100);
        assertThat(db.count("select count(*) from event where lead_id = any($1)", (Object) idArray)).isEqualTo(100);
        double batches = Metrics.value("thumbtack_lead_batch_size_count") - batchesBefore;
        assertThat(batches).as("transactions for 120 deliveries").isLessThan(100);
    }

    @Test
    void aLeadTheDatabaseRejectsFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
        String blockerId = Fixtures.newId();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try (CapturedLog log = CapturedLog.start()) {
            // Hold one lead's lock so the batches in flight wait and the next leads queue into one batch.
            Transaction tx = holder.begin().await().indefinitely();
            holder.preparedQuery("select pg_advisory_xact_lock(hashtextextended('lead:' || $1, 0))")
                    .execute(Tuple.of(blockerId)).await().indefinitely();
            List<CompletableFuture<Boolean>> blocked = new ArrayList<>();
            // one blocker per batch slot: each slot's batch waits on the lock
            for (int i = 0; i < batchConfig.concurrency(); i++) {
                blocked.add(store(lead(blockerId)));
            }
            List<String> goodIds = new ArrayList<>();
            List<CompletableFuture<Boolean>> good = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                goodIds.add(Fixtures.newId());
                good.add(store(lead(goodIds.get(i))));
            }
            CompletableFuture<Boolean> bad = store(lead("x".repeat(100))); // over lead_id's 64 characters
            tx.rollback().await().indefinitely();

            List<Boolean> blockerAnswers = new ArrayList<>();
            for (CompletableFuture<Boolean> one : blocked) {
                blockerAnswers.add(one.get(30, TimeUnit.SECONDS));
            }
            assertThat(blockerAnswers).containsOnlyOnce(true).hasSize(batchConfig.concurrency());
            for (CompletableFuture<Boolean> one : good) {
                assertThat(one.get(30, TimeUnit.SECONDS)).isTrue();
            }
            // lead_id holds 64 characters: a data error no retry fixes is the sender's (400), not an outage (503)
            assertThat(bad).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(InvalidInputException.class);
            assertThat(db.count("select count(*) from lead where lead_id = any($1)",
                    (Object) goodIds.toArray(String[]::new))).isEqualTo(20);
            assertThat(log.text()).contains("a batch of 21 leads was rejected").contains("storing each alone");
        } finally {
            holder.close().await().indefinitely();
        }
    }

    /**
     * A rejected batch is retried lead by lead, at most retry-concurrency statements at once (not the
     * whole batch at once, beyond the pool). Each good lead's insert is slowed by a trigger so the
     * retries overlap; the trigger logs when each insert ran (rows of a rolled-back statement vanish with
     * it, so the log holds the retries' inserts), and the most that ran at once is read from the log.
     */
    @Test
    void aRejectedBatchIsRetriedLeadByLeadWithBoundedConcurrency() throws Exception {
        int limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("gateway.lead-batch.retry-concurrency", Integer.class).orElse(2);
        pool.query("create table slow_probe_log (started timestamptz, ended timestamptz)").execute().await()
                .indefinitely();
        pool.query("""
                create or replace function slow_probe() returns trigger language plpgsql as $$
                declare started timestamptz := clock_timestamp();
                begin
                    perform pg_sleep(0.1);
                    insert into slow_probe_log values (started, clock_timestamp());
                    return new;
                end $$""").execute().await().indefinitely();
        pool.query("create trigger slow_probe before insert on lead for each row"
                + " when (new.category = 'slow-probe') execute function slow_probe()").execute().await().indefinitely();
        String blockerId = Fixtures.newId();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = holder.begin().await().indefinitely();
            holder.preparedQuery("select pg_advisory_xact_lock(hashtextextended('lead:' || $1, 0))")
                    .execute(Tuple.of(blockerId)).await().indefinitely();
            List<CompletableFuture<Boolean>> blocked = new ArrayList<>();
            for (int i = 0; i < batchConfig.concurrency(); i++) {
                blocked.add(store(lead(blockerId)));
            }
            List<String> goodIds = new ArrayList<>();
            List<CompletableFuture<Boolean>> good = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                goodIds.add(Fixtures.newId());
                NewLead slow = lead(goodIds.get(i));
                slow.lead().category = "slow-probe";
                good.add(store(slow));
            }
            CompletableFuture<Boolean> bad = store(lead("y".repeat(100)));
            tx.rollback().await().indefinitely();

            for (CompletableFuture<Boolean> one : good) {
                assertThat(one.get(30, TimeUnit.SECONDS)).isTrue();
            }
            for (CompletableFuture<Boolean> one : blocked) {
                one.get(30, TimeUnit.SECONDS);
            }
            assertThat(db.count("select count(*) from slow_probe_log")).isEqualTo(20);
            long atOnce = db.count("""
                    select max((select count(*) from slow_probe_log o
                                where o.started <= l.started and o.ended > l.started))
                    from slow_probe_log l""");
            assertThat(atOnce).as("lead inserts running at once during the retry").isBetween(1L, (long) limit);
            assertThat(bad).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(InvalidInputException.class);
            assertThat(db.count("select count(*) from lead where lead_id = any($1)",
                    (Object) goodIds.toArray(String[]::new))).isEqualTo(20);
        } finally {
            holder.close().await().indefinitely();
            pool.query("drop trigger slow_probe on lead").execute().await().indefinitely();
            pool.query("drop function slow_probe()").execute().await().indefinitely();
            pool.query("drop table slow_probe_log").execute().await().indefinitely();
        }
    }

    @Test
    void theBatchStatementIsShortEnoughToStayPrepared() {
        // Longer statements are parsed and planned on every batch (Vert.x' cache SQL limit).
        assertThat(LeadBatchSql.STORE.length()).isLessThan(DbPoolLimits.PREPARED_STATEMENT_SQL_LIMIT);
    }

    /**
     * PostgreSQL keeps a generic plan of a prepared statement after five executions, made with the
     * table sizes of that moment. Planned on empty tables, a "not exists (select from lead)" became a
     * hash anti join over a sequential scan of every lead, kept while the table grew (docs/bench.md,
     * change 15). The statement is planned here the same way, on empty copies of its tables.
     */
    @Test
    void theBatchStatementPlannedOnEmptyTablesLooksLeadsUpByIndex() {
        int parameters = Pattern.compile("\\$(\\d+)").matcher(LeadBatchSql.STORE).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        String probe = "plan_probe_" + Fixtures.newId();
        SqlConnection connection = pool.getConnection().await().indefinitely();
        List<String> plan = new ArrayList<>();
        Transaction tx = connection.begin().await().indefinitely();
        try {
            String schema = connection.query("select current_schema()").execute().await().indefinitely()
                    .iterator().next().getString(0);
            run(connection, "create schema " + probe);
            for (String table : List.of("lead", "lead_update", "event")) {
                run(connection, "create table " + probe + "." + table + " (like " + schema + "." + table
                        + " including all)");
            }
            run(connection, "set local search_path = " + probe);
            run(connection, "set local plan_cache_mode = force_generic_plan");
            run(connection, "prepare " + probe + " as " + LeadBatchSql.STORE);
            connection.query("explain execute " + probe + "(" + String.join(", ", Collections.nCopies(parameters,
                    "null")) + ")").execute().await().indefinitely().forEach(row -> plan.add(row.getString(0)));
        } finally {
            // the schema and settings go with the rollback; a prepared statement outlives it
            tx.rollback().onFailure().recoverWithNull().await().indefinitely();
            connection.query("deallocate " + probe).execute().onFailure().recoverWithNull().await().indefinitely();
            connection.close().await().indefinitely();
        }
        assertThat(plan).isNotEmpty().noneMatch(line -> line.matches(".*Seq Scan on lead( .*|$)"));
    }

    private static void run(SqlConnection connection, String sql) {
        connection.query(sql).execute().await().indefinitely();
    }

    private CompletableFuture<Boolean> store(NewLead lead) {
        return writer.storeNew(lead).subscribeAsCompletionStage();
    }

    private static NewLead lead(String leadId) {
        Lead lead = new Lead();
        lead.leadId = leadId;
        lead.requestId = Fixtures.newId();
        lead.category = "Interior Painting";
        lead.title = "Interior Painting";
        lead.customerId = Fixtures.newId();
        lead.businessId = Fixtures.newId();
        lead.payload = "{\"leadID\":\"" + leadId + "\"}";
        lead.details = "[]";
        lead.attachments = "[]";
        return new NewLead(lead);
    }

    /** Every body posted at once; each answer as "status body". */
    private static List<String> postAllAtOnce(List<String> bodies) throws Exception {
        List<Callable<String>> posts = new ArrayList<>();
        for (String body : bodies) {
            posts.add(() -> {
                var response = thumbtack().body(body).post("/v1/lead");
                return response.statusCode() + " " + response.asString();
            });
        }
        return Concurrently.all(posts);
    }
}
