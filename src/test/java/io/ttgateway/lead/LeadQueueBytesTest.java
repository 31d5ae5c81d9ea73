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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The lead writer's memory is bounded by the bytes of the payloads it holds, waiting for a batch or in a
 * batch being stored, not only by their count: over gateway.lead-batch.max-queued-bytes a lead is answered
 * 503 with Retry-After (the batch ends; the redelivery is stored). A lead finding nothing held is always
 * taken, so no lead is too big ever. The bound here is one byte: any lead held fills it.
 */
@QuarkusTest
@TestProfile(TinyLeadQueueProfile.class)
class LeadQueueBytesTest {

    @Inject
    Db db;

    @Inject
    Pool pool;

    @Test
    void aLeadArrivingWhileABatchIsBeingStoredIsOverTheByteBoundAndStoredWhenDeliveredAgain() throws Exception {
        ExecutorService senders = Executors.newCachedThreadPool();
        String blockerId = Fixtures.newId();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = holder.begin().await().indefinitely();
            holder.preparedQuery("select pg_advisory_xact_lock(hashtextextended('lead:' || $1, 0))")
                    .execute(Tuple.of(blockerId)).await().indefinitely();
            // nothing held: taken although over the bound, then its batch waits for the lead's lock
            String blocker = Fixtures.lead(blockerId, Fixtures.newId()).toString();
            CompletableFuture<Integer> stuck = CompletableFuture.supplyAsync(() -> post(blocker).statusCode(), senders);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> db.count("select count(*)"
                    + " from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'"
                    + " and datname = current_database()") >= 1);
            assertThat(Metrics.value("thumbtack_lead_queue_leads")).as("the blocker is in a batch, not waiting").isZero();

            // the batch's bytes are still held while it is stored: the queue is empty, and the lead is refused
            String overId = Fixtures.newId();
            String over = Fixtures.lead(overId, Fixtures.newId()).toString();
            Response refused = post(over);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            tx.rollback().await().indefinitely();

            assertThat(stuck.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            // the batch ended and gave its bytes back: nothing is held, the redelivery is taken
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> post(over).statusCode() == 200);
            assertThat(db.count("select count(*) from lead where lead_id in ($1, $2)", blockerId, overId)).isEqualTo(2);
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
