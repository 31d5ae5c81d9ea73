package io.ttgateway.ops;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operations: health, Prometheus metrics and OpenAPI, all without credentials. */
@QuarkusTest
class OpsEndpointsTest {

    @Test
    void livenessIsUp() {
        JsonPath health = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
    }

    @Test
    void readinessIsUpAndChecksTheDatabase() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        List<Map<String, Object>> checks = health.getList("checks");
        assertThat(checks).anySatisfy(check -> {
            assertThat((String) check.get("name")).containsIgnoringCase("PostgreSQL");
            assertThat(check.get("status")).isEqualTo("UP");
        });
    }

    @Test
    void theWebhookCounterCountsByTypeAndOutcome() {
        double storedBefore = counter("lead", "stored");
        double duplicateBefore = counter("lead", "duplicate");
        double invalidBefore = counter("message", "invalid");
        double notKnownBefore = counter("message", "lead_not_known");
        String lead = Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString();

        thumbtack().body(lead).post("/v1/lead").then().statusCode(200);
        thumbtack().body(lead).post("/v1/lead").then().statusCode(200);
        thumbtack().body("{}").post("/v1/message").then().statusCode(400);
        thumbtack().body(Fixtures.message(Fixtures.newId(), Fixtures.newId()).toString()).post("/v1/message")
                .then().statusCode(202);

        assertThat(counter("lead", "stored")).isEqualTo(storedBefore + 1);
        assertThat(counter("lead", "duplicate")).isEqualTo(duplicateBefore + 1);
        assertThat(counter("message", "invalid")).isEqualTo(invalidBefore + 1);
        assertThat(counter("message", "lead_not_known")).isEqualTo(notKnownBefore + 1);
    }

    @Test
    void theOpenApiDocumentListsTheFourWebhooks() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();

        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        assertThat(paths).containsKeys("/v1/lead", "/v1/lead/update", "/v1/message", "/v1/review");
        assertThat(paths.get("/v1/lead")).containsKey("post");
        assertThat(paths.get("/v1/lead/update")).containsKey("put");
        assertThat(paths.get("/v1/message")).containsKey("post");
        assertThat(paths.get("/v1/review")).containsKey("post");
    }

    private static double counter(String type, String outcome) {
        return Metrics.webhooks(type, outcome);
    }
}
