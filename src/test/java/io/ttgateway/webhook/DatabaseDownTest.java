package io.ttgateway.webhook;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ttgateway.support.Answers;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The database cannot be reached: every webhook is answered 503 (Thumbtack redelivers), never 2xx. */
@QuarkusTest
@TestProfile(DatabaseDownProfile.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class DatabaseDownTest {

    static Stream<Arguments> webhooks() {
        return Stream.of(
                Arguments.of("POST", "/v1/lead", Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()),
                Arguments.of("PUT", "/v1/lead/update", Fixtures.text("lead-update.json")),
                Arguments.of("POST", "/v1/message", Fixtures.message(Fixtures.newId(), Fixtures.newId()).toString()),
                Arguments.of("POST", "/v1/review", Fixtures.review(Fixtures.newId()).toString()));
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void aValidWebhookIsAnswered503WithRetryAfter(String method, String path, String body) {
        Instant start = Instant.now();
        Response answer = thumbtack().body(body).request(method, path);

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(answer.header("Retry-After")).matches("\\d+");
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.jsonPath().getString("error")).isNotBlank();
        assertThat(answer.jsonPath().getList("details")).isEmpty();
        Answers.assertNoInternals(answer.asString());
        assertThat(answer.asString()).doesNotContain("127.0.0.1").doesNotContain("Connection refused");
    }

    /** A v4 delivery's credentials are in the database: unverifiable now, so 503 (redelivered), never 401 or 2xx. */
    @Test
    void aV4DeliveryIsAnswered503() {
        Response answer = given().auth().preemptive().basic("some-webhook-user", "some-password")
                .contentType(ContentType.JSON)
                .body(V4Deliveries.negotiation(Fixtures.newId(), Fixtures.newId()).toString()).post("/v4/webhooks");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(answer.asString()).doesNotContain("127.0.0.1").doesNotContain("some-password");
    }

    @Test
    void badInputIsStill400WithoutTouchingTheDatabase() {
        thumbtack().body("{}").post("/v1/lead").then().statusCode(400);
    }

    @Test
    void theFailuresAreCountedAsUnavailable() {
        double before = Metrics.webhooks("review", "unavailable");

        thumbtack().body(Fixtures.review(Fixtures.newId()).toString()).post("/v1/review").then().statusCode(503);

        assertThat(Metrics.webhooks("review", "unavailable")).isEqualTo(before + 1);
    }

    @Test
    void readinessIsDownButLivenessIsUp() {
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.jsonPath().getString("status")).isEqualTo("DOWN");

        given().get("/q/health/live").then().statusCode(200);
    }
}
