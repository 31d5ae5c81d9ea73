package io.ttgateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** What Kubernetes and Prometheus call on the packaged application (deploy/k8s/base probes). */
@QuarkusIntegrationTest
class HealthIT {

    @Test
    void readyMeansTheDatabaseAnswers() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL connections health check")));
    }

    @Test
    void liveAndStartedAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedToPrometheusWithoutCredentials() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE process_uptime_seconds gauge"));
    }
}
