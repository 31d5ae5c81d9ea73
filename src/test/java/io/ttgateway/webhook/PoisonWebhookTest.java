package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.lead.LeadBatchConfig;
import io.ttgateway.support.CapturedLog;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Webhooks that pass parsing but that PostgreSQL refuses as they are: a 503 would make Thumbtack
 * deliver them again forever. They are stored (the body unchanged in raw_text) or answered 400
 * naming the field; never 5xx, and the same body a second time gets the same answer.
 */
@QuarkusTest
class PoisonWebhookTest {

    @Inject
    Db db;

    @Inject
    Pool pool;

    @Inject
    LeadBatchConfig batchConfig;

    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    /** One webhook kind: where it goes, its table, and the object a nested unknown field is put into. */
    enum Kind {
        LEAD("POST", "/v1/lead", "lead", "lead_id", "request", "title", "payload"),
        UPDATE("PUT", "/v1/lead/update", "lead_update", "lead_id", null, "lead_price", "raw"),
        MESSAGE("POST", "/v1/message", "message", "message_id", "message", "text", "raw"),
        REVIEW("POST", "/v1/review", "review", "review_id", "review", "text", "raw");

        final String method;
        final String path;
        final String table;
        final String idColumn;
        final String inner;
        final String textColumn;
        /** The payload's JSON column: json for a lead (V19), jsonb for the others. */
        final String payloadColumn;

        Kind(String method, String path, String table, String idColumn, String inner, String textColumn,
                String payloadColumn) {
            this.method = method;
            this.path = path;
            this.table = table;
            this.idColumn = idColumn;
            this.inner = inner;
            this.textColumn = textColumn;
            this.payloadColumn = payloadColumn;
        }

        ObjectNode sample(String id) {
            return switch (this) {
                case LEAD -> Fixtures.lead(id, Fixtures.newId());
                case UPDATE -> Fixtures.json("lead-update.json").put("leadID", id);
                case MESSAGE -> Fixtures.message(Fixtures.newId(), id);
                case REVIEW -> Fixtures.review(id);
            };
        }

        /** The sample with one more field, written as raw JSON text right after the opening brace of {@code in}. */
        String with(String id, String in, String field) {
            String text = sample(id).toString();
            String anchor = in == null ? "{" : "\"" + in + "\":{";
            int at = text.indexOf(anchor) + anchor.length();
            return text.substring(0, at) + field + "," + text.substring(at);
        }
    }

    /** Valid JSON numbers PostgreSQL's numeric (and so jsonb) cannot hold, in unknown fields. */
    static Stream<Arguments> poisons() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            cases.add(Arguments.of(kind, null, "\"n\":1e131072", "n", "1E+131072"));
            cases.add(Arguments.of(kind, null, "\"n\":-1e131072", "n", "-1E+131072"));
            cases.add(Arguments.of(kind, null, "\"tiny\":1e-16384", "tiny", "1E-16384"));
            // zero, but PostgreSQL refuses a written exponent of 2^30 - 1 or more whatever the digits
            cases.add(Arguments.of(kind, null, "\"zero\":0e1073741823", "zero", "0E+1073741823"));
            cases.add(Arguments.of(kind, null, "\"extra\":{\"list\":[1,{\"deep\":-1e131072}]}", "extra.list[1].deep",
                    "-1E+131072"));
            if (kind.inner != null) {
                cases.add(Arguments.of(kind, kind.inner, "\"n\":1e131072", kind.inner + ".n", "1E+131072"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {2} in {1}")
    @MethodSource("poisons")
    void aNumberJsonbCannotHoldIsStoredWithTheBodyUnchanged(Kind kind, String in, String field, String path,
            String asText) {
        String id = Fixtures.newId();
        String body = kind.with(id, in, field);

        Response first = thumbtack().body(body).request(kind.method, kind.path);
        Response second = thumbtack().body(body).request(kind.method, kind.path);

        assertThat(first.statusCode()).as("first answer %s", first.asString()).isIn(200, 202);
        assertThat(second.statusCode()).as("second answer %s", second.asString()).isEqualTo(first.statusCode());
        List<Row> rows = db.rows("select raw_text, " + kind.payloadColumn + " #>> $2 from " + kind.table + " where "
                + kind.idColumn + " = $1", id, pointer(path));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString(0)).as("the body as received").isEqualTo(body);
        assertThat(rows.get(0).getString(1)).as("the number in the stored copy, as text").isEqualTo(asText);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOrdinaryBodyKeepsNoTextCopy(Kind kind) {
        String id = Fixtures.newId();
        thumbtack().body(kind.sample(id).toString()).request(kind.method, kind.path).then().statusCode(
                org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(202)));

        assertThat(db.count("select count(*) from " + kind.table + " where " + kind.idColumn
                + " = $1 and raw_text is null", id)).isEqualTo(1);
    }

    /**
     * A value the database refuses for a reason the parser does not foresee (here a check constraint
     * added for the test) is the sender's data error, not an outage: 400, the same again, nothing stored.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aValueTheDatabaseRefusesIs400AndNeverA503(Kind kind) {
        String constraint = "poison_probe_" + kind.name().toLowerCase();
        run("alter table " + kind.table + " add constraint " + constraint + " check (" + kind.textColumn
                + " is distinct from 'refused-by-the-database') not valid");
        try {
            String id = Fixtures.newId();
            ObjectNode body = kind.sample(id);
            switch (kind) {
                case LEAD -> ((ObjectNode) body.get("request")).put("title", "refused-by-the-database");
                case UPDATE -> body.put("leadPrice", "refused-by-the-database");
                case MESSAGE -> ((ObjectNode) body.get("message")).put("text", "refused-by-the-database");
                case REVIEW -> ((ObjectNode) body.get("review")).put("text", "refused-by-the-database");
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                Response answer = thumbtack().body(body.toString()).request(kind.method, kind.path);
                assertThat(answer.statusCode()).as("attempt %d: %s", attempt, answer.asString()).isEqualTo(400);
                assertThat(answer.jsonPath().getString("details[0].message")).contains("23514");
            }
            assertThat(db.count("select count(*) from " + kind.table + " where " + kind.idColumn + " = $1", id))
                    .isZero();
        } finally {
            run("alter table " + kind.table + " drop constraint " + constraint);
        }
    }

    /**
     * A poison lead sharing a group-commit batch with good ones (the batches in flight are held on a
     * lock, so everything posted meanwhile queues into one batch): every lead is stored and answered
     * 200, and the batch is not rejected.
     */
    @Test
    void aPoisonLeadInABatchOfGoodOnesFailsNothing() throws Exception {
        String blockerId = Fixtures.newId();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try (CapturedLog log = CapturedLog.start()) {
            Transaction tx = holder.begin().await().indefinitely();
            holder.preparedQuery("select pg_advisory_xact_lock(hashtextextended('lead:' || $1, 0))")
                    .execute(Tuple.of(blockerId)).await().indefinitely();
            List<CompletableFuture<Integer>> blockers = new ArrayList<>();
            for (int i = 0; i < batchConfig.concurrency(); i++) {
                blockers.add(post(Fixtures.lead(blockerId, Fixtures.newId()).toString()));
            }
            awaitLockWaiters(batchConfig.concurrency());
            List<String> ids = new ArrayList<>();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(Fixtures.newId());
                String body = i == 15 ? Kind.LEAD.with(ids.get(i), "request", "\"n\":1e131072")
                        : Fixtures.lead(ids.get(i), Fixtures.newId()).toString();
                answers.add(post(body));
            }
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> queued() >= 30);
            tx.rollback().await().indefinitely();

            for (CompletableFuture<Integer> blocker : blockers) {
                assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).as("lead %d", i).isEqualTo(200);
            }
            assertThat(db.count("select count(*) from lead where lead_id = any($1)", (Object) ids.toArray(String[]::new)))
                    .isEqualTo(30);
            assertThat(log.text()).doesNotContain("was rejected");
        } finally {
            holder.close().await().indefinitely();
        }
    }

    private void awaitLockWaiters(int count) {
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> db.count(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'"
                        + " and datname = current_database()") >= count);
    }

    /** Leads waiting for a batch: the requests in flight that are neither answered nor in a batch. */
    private static double queued() {
        return io.ttgateway.support.Metrics.value("thumbtack_lead_queue_leads");
    }

    /** Each post from its own thread (the common pool has one thread on a two-core machine). */
    private CompletableFuture<Integer> post(String body) {
        return CompletableFuture.supplyAsync(() -> thumbtack().body(body).post("/v1/lead").statusCode(), senders);
    }

    private void run(String sql) {
        pool.query(sql).execute().await().indefinitely();
    }

    private static String[] pointer(String path) {
        return path.replace("[", ".").replace("]", "").split("\\.");
    }
}
