package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ttgateway.support.Answers;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A database that takes connections and never answers: the request waits no longer than
 * gateway.db.pool-wait-timeout (2 s here, Vert.x' default would be 30 s) and is answered 503.
 */
@QuarkusTest
@TestProfile(SilentDatabaseProfile.class)
class SilentDatabaseTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void aWebhookIsAnswered503WithinThePoolWaitLimit() {
        Instant start = Instant.now();
        Response answer = thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()).post("/v1/lead");
        Duration took = Duration.between(start, Instant.now());

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).matches("\\d+");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(BOUND);
        Answers.assertNoInternals(answer.asString());
    }

    @Test
    void manyConcurrentWebhooksAreAllAnswered503WithinTheLimit() throws Exception {
        String body = Fixtures.review(Fixtures.newId()).toString();
        Instant start = Instant.now();

        List<Integer> statuses = Concurrently.statuses(30, () -> thumbtack().body(body).post("/v1/review").statusCode());

        assertThat(statuses).containsOnly(503);
        assertThat(Duration.between(start, Instant.now())).isLessThan(BOUND.plusSeconds(3));
    }
}
