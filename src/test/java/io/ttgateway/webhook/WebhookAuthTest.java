package io.ttgateway.webhook;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ttgateway.support.Answers;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Basic auth on /v1/* for user thumbtack only; nothing is stored without it. */
@QuarkusTest
class WebhookAuthTest {

    @Inject
    Db db;

    /** Each webhook with a body whose IDs are fresh, and the SQL counting what it would store. */
    static Stream<Arguments> webhooks() {
        String lead = Fixtures.newId();
        String update = Fixtures.newId();
        String message = Fixtures.newId();
        String review = Fixtures.newId();
        return Stream.of(
                Arguments.of("POST", "/v1/lead", Fixtures.lead(lead, Fixtures.newId()).toString(),
                        "select count(*) from lead where lead_id = $1", lead),
                Arguments.of("PUT", "/v1/lead/update", Fixtures.json("lead-update.json").put("leadID", update).toString(),
                        "select count(*) from lead_update where lead_id = $1", update),
                Arguments.of("POST", "/v1/message", Fixtures.message(Fixtures.newId(), message).toString(),
                        "select count(*) from message where message_id = $1", message),
                Arguments.of("POST", "/v1/review", Fixtures.review(review).toString(),
                        "select count(*) from review where review_id = $1", review));
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void withoutCredentialsIs401WithBasicChallenge(String method, String path, String body, String countSql, String id) {
        Response answer = send(given().contentType(ContentType.JSON), method, path, body);

        assertUnauthorized(answer);
        assertThat(db.count(countSql, id)).isZero();
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void withAWrongPasswordIs401(String method, String path, String body, String countSql, String id) {
        Response answer = send(given().auth().preemptive().basic("thumbtack", "not-the-password")
                .contentType(ContentType.JSON), method, path, body);

        assertUnauthorized(answer);
        assertThat(db.count(countSql, id)).isZero();
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void thePartnerUserIsForbidden(String method, String path, String body, String countSql, String id) {
        Response answer = send(partner(), method, path, body);

        assertThat(answer.statusCode()).isEqualTo(403);
        Answers.assertNoInternals(answer.asString());
        assertThat(db.count(countSql, id)).isZero();
    }

    @Test
    void anUnknownUserIs401() {
        Response answer = given().auth().preemptive().basic("mallory", "test-webhook-password")
                .contentType(ContentType.JSON).body("{}").post("/v1/lead");

        assertUnauthorized(answer);
    }

    @Test
    void thePartnerPasswordDoesNotOpenTheWebhooks() {
        Response answer = given().auth().preemptive().basic("thumbtack", "test-partner-password")
                .contentType(ContentType.JSON).body("{}").post("/v1/lead");

        assertUnauthorized(answer);
    }

    @Test
    void theThumbtackUserIsForbiddenOnThePartnerApiAndAnonymousIsChallenged() {
        assertThat(thumbtack().get("/api/v1/connections").statusCode()).isEqualTo(403);
        assertUnauthorized(given().get("/api/v1/connections"));
    }

    @Test
    void anOversizedBodyWithoutCredentialsIsChallengedBeforeItsSizeIsJudged() {
        Response answer = given().contentType(ContentType.JSON).body("{\"x\": \"" + "y".repeat(1100 * 1024) + "\"}")
                .post("/v1/lead");

        assertUnauthorized(answer);
    }

    private static Response send(RequestSpecification spec, String method, String path, String body) {
        return spec.body(body).request(method, path);
    }

    private static void assertUnauthorized(Response answer) {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"thumbtack-gateway\"");
        Answers.assertNoInternals(answer.asString());
    }
}
