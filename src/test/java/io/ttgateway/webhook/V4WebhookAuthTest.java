package io.ttgateway.webhook;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.support.V4Deliveries.Webhook;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /v4/webhooks opens only with the Basic credentials of a registered v4 webhook, for its own business. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4WebhookAuthTest {

    @Inject
    Db db;

    @Inject
    V4Deliveries deliveries;

    @Test
    void withoutCredentialsItIs401WithABasicChallenge() {
        String leadId = Fixtures.newId();
        Response answer = given().contentType(ContentType.JSON)
                .body(V4Deliveries.negotiation(Fixtures.newId(), leadId).toString()).post("/v4/webhooks");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(db.count("select count(*) from lead where lead_id = $1", leadId)).isZero();
    }

    @Test
    void aWrongPasswordOrAnUnknownUsernameIs401() {
        Webhook webhook = deliveries.register();
        String body = V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId()).toString();

        Response wrongPassword = new Webhook(webhook.businessId(), webhook.username(), webhook.password() + "x")
                .post().body(body).post("/v4/webhooks");
        Response unknownUser = new Webhook(webhook.businessId(), webhook.username() + "x", webhook.password())
                .post().body(body).post("/v4/webhooks");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(unknownUser.statusCode()).isEqualTo(401);
    }

    @Test
    void theLegacyWebhookUserDoesNotOpenIt() {
        thumbtack().body(V4Deliveries.negotiation(Fixtures.newId(), Fixtures.newId()).toString())
                .post("/v4/webhooks").then().statusCode(401);
    }

    @Test
    void aV4WebhooksCredentialsOpenNothingElse() {
        Webhook webhook = deliveries.register();
        webhook.post().body(Fixtures.lead(Fixtures.newId(), webhook.businessId()).toString())
                .post("/v1/lead").then().statusCode(401);
        webhook.post().get("/api/v1/connections").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "REGISTERED", "FAILED"})
    void everyWebhookNotDeletedIsAccepted(String state) {
        Webhook webhook = deliveries.register(Fixtures.newId(), state);
        webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId()).toString())
                .post("/v4/webhooks").then().statusCode(200);
    }

    @Test
    void aDeletedWebhookIs401() {
        Webhook webhook = deliveries.register(Fixtures.newId(), "DELETED");
        webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId()).toString())
                .post("/v4/webhooks").then().statusCode(401);
    }

    @Test
    void aWebhookDeletedWhileInUseStopsWorkingWithinTheCacheTtl() {
        Webhook webhook = deliveries.register();
        webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId()).toString())
                .post("/v4/webhooks").then().statusCode(200);

        deliveries.setState(webhook, "DELETED");

        await().atMost(V4WebhookLogins.TTL.plus(Duration.ofSeconds(3))).pollInterval(Duration.ofMillis(200))
                .until(() -> webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId())
                        .toString()).post("/v4/webhooks").statusCode() == 401);
    }

    @Test
    void aDeliveryNamingAnotherBusinessIs403AndStoredNowhere() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String otherBusiness = Fixtures.newId();
        double before = Metrics.webhooks("v4.negotiation_created", "forbidden");

        Response answer = webhook.post().body(V4Deliveries.negotiation(otherBusiness, leadId).toString())
                .post("/v4/webhooks");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.jsonPath().getString("error")).contains("data.business.businessID");
        assertThat(db.count("select count(*) from lead where lead_id = $1", leadId)).isZero();
        assertThat(db.count("select count(*) from event where lead_id = $1 or business_id = $2", leadId,
                otherBusiness)).isZero();
        assertThat(db.count("select count(*) from v4_delivery where business_id in ($1, $2)",
                webhook.businessId(), otherBusiness)).isZero();
        assertThat(Metrics.webhooks("v4.negotiation_created", "forbidden")).isEqualTo(before + 1);
    }

    @Test
    void aProMessageNamingAnotherBusinessIs403() {
        Webhook webhook = deliveries.register();
        String messageId = Fixtures.newId();
        webhook.post().body(V4Deliveries.proMessage(Fixtures.newId(), Fixtures.newId(), messageId, "hi").toString())
                .post("/v4/webhooks").then().statusCode(403);
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isZero();
    }
}
