package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.TableLock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another session holds LOCK TABLE lead IN EXCLUSIVE MODE (a stuck migration, an operator's psql, the
 * idle-in-transaction backend of a dead pod). Lead webhooks are answered 503 within their bounds instead
 * of waiting for the lock; messages and reviews for a known lead, which only read the lead table, go on.
 */
@QuarkusTest
@TestProfile(LeadTableLockProfile.class)
class LeadTableLockTest {

    /** How long the test waits for any answer before calling it hung. */
    private static final long HUNG_SECONDS = 15;

    @Inject
    Db db;

    private final List<TableLock> locks = new ArrayList<>();

    @BeforeEach
    void warm() {
        storedLead(); // the first requests of a fresh instance are slow on a loaded machine; not what is measured
    }

    @AfterEach
    void release() throws Exception {
        for (TableLock lock : locks) {
            lock.close();
        }
        locks.clear();
    }

    @Test
    void aLeadInABatchStuckOnTheLockIsAnswered503WithinTheBatchTimeout() throws Exception {
        lockLeadTable();

        Timed answer = timed(() -> thumbtack().body(newLead()).post("/v1/lead"));

        assertThat(answer.response.statusCode()).as(answer.response.asString()).isEqualTo(503);
        assertThat(answer.response.header("Retry-After")).matches("\\d+");
        assertThat(answer.took).as("answer time, batch timeout 3 s (answer deadline 8 s)").isLessThan(Duration.ofMillis(6000));
    }

    @Test
    void leadsQueuedBehindStuckBatchesAreAnswered503ByTheirOwnDeadline() throws Exception {
        lockLeadTable();
        List<CompletableFuture<Timed>> inFlight = new ArrayList<>();
        // gateway.lead-batch.concurrency is 2: both batch slots taken. One lead at a time, each sent once
        // the one before is stuck, because leads that queue together are stored by one batch.
        for (int slot = 1; slot <= 2; slot++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> timedNow(() -> thumbtack().body(newLead()).post("/v1/lead"))));
            int stuck = slot;
            await().atMost(Duration.ofSeconds(2)).until(() -> waitingOnLeadTable() == stuck);
        }

        List<CompletableFuture<Timed>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(CompletableFuture.supplyAsync(() -> timedNow(() -> thumbtack().body(newLead()).post("/v1/lead"))));
        }

        for (CompletableFuture<Timed> future : queued) {
            Timed answer = future.get(HUNG_SECONDS, TimeUnit.SECONDS);
            assertThat(answer.response.statusCode()).as(answer.response.asString()).isEqualTo(503);
            assertThat(answer.took).as("a queued lead's answer time, max wait 1 s (batches time out at 3 s)")
                    .isLessThan(Duration.ofMillis(2400));
        }
        for (CompletableFuture<Timed> future : inFlight) {
            assertThat(future.get(HUNG_SECONDS, TimeUnit.SECONDS).response.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aLeadUpdateWaitingOnTheLockIsAnswered503WithinTheAnswerDeadline() throws Exception {
        String leadId = storedLead();
        lockLeadTable();

        String update = Fixtures.text("lead-update.json").replace("465324000282984455", leadId);
        Timed answer = timed(() -> thumbtack().body(update).put("/v1/lead/update"));

        assertThat(answer.response.statusCode()).as(answer.response.asString()).isEqualTo(503);
        assertThat(answer.response.header("Retry-After")).matches("\\d+");
        assertThat(answer.took).as("answer deadline 8 s, lock_timeout 10 s").isLessThan(Duration.ofMillis(9800));
    }

    @Test
    void messagesAndReviewsForAKnownLeadAreStoredWhileTheLeadTableIsLocked() throws Exception {
        String leadId = storedLead();
        lockLeadTable();

        String messageId = Fixtures.newId();
        Timed message = timed(() -> thumbtack().body(Fixtures.message(leadId, messageId).toString()).post("/v1/message"));
        String reviewId = Fixtures.newId();
        var review = Fixtures.review(reviewId);
        ((com.fasterxml.jackson.databind.node.ObjectNode) review.get("review")).put("leadID", leadId);
        Timed reviewed = timed(() -> thumbtack().body(review.toString()).post("/v1/review"));

        // answered while the lock is still held (it is released after the test), and not by a deadline
        assertThat(message.response.statusCode()).as(message.response.asString()).isEqualTo(200);
        assertThat(message.took).isLessThan(Duration.ofSeconds(8));
        assertThat(reviewed.response.statusCode()).as(reviewed.response.asString()).isEqualTo(200);
        assertThat(reviewed.took).isLessThan(Duration.ofSeconds(8));
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from review where review_id = $1", reviewId)).isEqualTo(1);
    }

    private record Timed(Response response, Duration took) {
    }

    /** The request, failing the test if it has no answer within HUNG_SECONDS (it would wait for the lock). */
    private static Timed timed(Supplier<Response> request) throws Exception {
        return CompletableFuture.supplyAsync(() -> timedNow(request)).get(HUNG_SECONDS, TimeUnit.SECONDS);
    }

    private static Timed timedNow(Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private String storedLead() {
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        return leadId;
    }

    private static String newLead() {
        return Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString();
    }

    private void lockLeadTable() throws Exception {
        locks.add(TableLock.hold("lead", "exclusive"));
    }

    /** Sessions waiting for a lock on the lead table (the batches stuck behind our lock). */
    private long waitingOnLeadTable() {
        return db.count("select count(*) from pg_locks where not granted and relation = 'lead'::regclass");
    }
}
