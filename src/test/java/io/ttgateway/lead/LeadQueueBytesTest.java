package io.ttgateway.lead;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The lead queue is bounded by the bytes of the payloads waiting in it, not only by their count: over
 * gateway.lead-batch.max-queued-bytes a lead is answered 503 with Retry-After (the queue drains; the
 * redelivery is stored). A lead is always queued while the queue is empty, so no lead is too big ever.
 */
@QuarkusTest
@TestProfile(TinyLeadQueueProfile.class)
class LeadQueueBytesTest {

    @Inject
    Db db;

    @Inject
    Pool pool;

    @Inject
    LeadBatchConfig batchConfig;

    @Test
    void aLeadOverTheByteBoundIs503WithRetryAfterAndStoredWhenDeliveredAgain() throws Exception {
        ExecutorService senders = Executors.newCachedThreadPool();
        String blockerId = Fixtures.newId();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = holder.begin().await().indefinitely();
            holder.preparedQuery("select pg_advisory_xact_lock(hashtextextended('lead:' || $1, 0))")
                    .execute(Tuple.of(blockerId)).await().indefinitely();
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            // one after another: two at the same moment would find each other in the one-lead queue
            for (int i = 0; i < batchConfig.concurrency(); i++) {
                String body = Fixtures.lead(blockerId, Fixtures.newId()).toString();
                inFlight.add(CompletableFuture.supplyAsync(() -> post(body).statusCode(), senders));
                int waiters = i + 1;
                Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> db.count("select count(*)"
                        + " from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'"
                        + " and datname = current_database()") >= waiters);
            }
            String firstId = Fixtures.newId();
            String first = Fixtures.lead(firstId, Fixtures.newId()).toString();
            CompletableFuture<Integer> queued = CompletableFuture.supplyAsync(() -> post(first).statusCode(), senders);
            Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> Metrics.value("thumbtack_lead_queue_leads") >= 1);
            assertThat(Metrics.value("thumbtack_lead_queue_bytes")).isGreaterThan(first.length());

            String overId = Fixtures.newId();
            String over = Fixtures.lead(overId, Fixtures.newId()).toString();
            Response refused = post(over);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            tx.rollback().await().indefinitely();

            assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            for (CompletableFuture<Integer> one : inFlight) {
                assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(post(over).statusCode()).as("delivered again").isEqualTo(200);
            assertThat(db.count("select count(*) from lead where lead_id in ($1, $2)", firstId, overId)).isEqualTo(2);
            assertThat(Metrics.value("thumbtack_lead_queue_bytes")).isZero();
        } finally {
            holder.close().await().indefinitely();
            senders.shutdownNow();
        }
    }

    private static Response post(String body) {
        return thumbtack().body(body).post("/v1/lead");
    }
}
