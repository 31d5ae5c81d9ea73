package io.ttgateway.ops;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.RefreshJob;
import io.ttgateway.outbox.OutboxWorker;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
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
 * A pooled connection goes silent (the database host hangs, a network path drops packets without a
 * reset). Background work gives up on each call after gateway.db.call-timeout instead of waiting for
 * ever, so the next run works once the database answers again; webhooks are answered 503 in time.
 */
@QuarkusTest
@TestProfile(SilentConnectionProfile.class)
class SilentConnectionTest {

    /** Longer than any bound of the profile: a call without an answer by then is hung. */
    private static final long HUNG_SECONDS = 8;

    @Inject
    Pool pool;

    @Inject
    RefreshJob refreshJob;

    @Inject
    OutboxWorker outbox;

    @BeforeEach
    void idleConnectionsInThePool() {
        // Idle pooled connections are what a silent database strands: a call takes one and waits on it.
        // (Without idle ones, opening a connection is bounded by the pool's wait limit already.) Six held
        // at once are six opened; closed, they go back to the pool idle.
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
                held.add(connection);
                connection.query("select 1").execute().await().atMost(Duration.ofSeconds(10));
            }
        } finally {
            held.forEach(connection -> connection.close().await().atMost(Duration.ofSeconds(10)));
        }
    }

    @AfterEach
    void resume() {
        SilentConnectionProfile.PROXY.resume();
    }

    @Test
    void aRefreshRunEndsWhileTheDatabaseIsSilentAndTheNextRunWorks() throws Exception {
        SilentConnectionProfile.PROXY.stall();

        Outcome silent = run(() -> refreshJob.run());
        assertThat(silent.failure).as("the run ends with a failure").isNotNull();
        assertThat(silent.took).isLessThan(Duration.ofSeconds(4));

        SilentConnectionProfile.PROXY.resume();
        assertNextRunWorks(() -> refreshJob.run());
    }

    @Test
    void anOutboxClaimEndsWhileTheDatabaseIsSilentAndTheNextWorks() throws Exception {
        SilentConnectionProfile.PROXY.stall();

        Outcome silent = run(() -> outbox.deliverOneBatch());
        assertThat(silent.failure).as("the claim ends with a failure").isNotNull();
        assertThat(silent.took).isLessThan(Duration.ofSeconds(4));

        SilentConnectionProfile.PROXY.resume();
        assertNextRunWorks(() -> outbox.deliverOneBatch());
    }

    @Test
    void webhooksAreAnswered503WhileTheDatabaseIsSilent() throws Exception {
        // the first requests of a fresh instance are slow on a loaded machine; not what is measured
        thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        SilentConnectionProfile.PROXY.stall();

        Timed lead = timed(() -> thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString())
                .post("/v1/lead"));
        Timed message = timed(() -> thumbtack().body(Fixtures.message(Fixtures.newId(), Fixtures.newId()).toString())
                .post("/v1/message"));

        assertThat(lead.response.statusCode()).as(lead.response.asString()).isEqualTo(503);
        assertThat(lead.took).as("a lead in a stuck batch, batch timeout 2 s (answer deadline 5 s)").isLessThan(Duration.ofMillis(4000));
        assertThat(message.response.statusCode()).as(message.response.asString()).isEqualTo(503);
        assertThat(message.response.header("Retry-After")).matches("\\d+");
        assertThat(message.took).as("answer deadline 5 s").isLessThan(Duration.ofMillis(6500));
    }

    /** Once the database answers again, a run works within seconds (the held statements finish first). */
    private static void assertNextRunWorks(Supplier<Uni<?>> work) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(run(work).failure).as("a run after the database is back").isNull());
    }

    private record Outcome(Object item, Throwable failure, Duration took) {
    }

    private record Timed(Response response, Duration took) {
    }

    /** Runs the work on a Vert.x context; the test fails if it neither answers nor fails within HUNG_SECONDS. */
    private static Outcome run(Supplier<Uni<?>> work) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Object item = null;
            Throwable failure = null;
            try {
                item = OnVertx.await(() -> work.get().onItem().castTo(Object.class));
            } catch (RuntimeException e) {
                failure = e;
            }
            return new Outcome(item, failure, Duration.ofNanos(System.nanoTime() - start));
        }).get(HUNG_SECONDS, TimeUnit.SECONDS);
    }

    private static Timed timed(Supplier<Response> request) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Response response = request.get();
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        }).get(HUNG_SECONDS * 2, TimeUnit.SECONDS);
    }
}
