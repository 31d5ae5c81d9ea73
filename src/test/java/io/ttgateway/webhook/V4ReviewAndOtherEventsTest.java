package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.support.V4Deliveries.Webhook;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReviewCreatedV4 becomes a review once per reviewID; any other event type is kept raw and announced. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4ReviewAndOtherEventsTest {

    @Inject
    Db db;

    @Inject
    V4Deliveries deliveries;

    @Test
    void aReviewIsStoredForTheWebhooksBusinessWithOneEvent() throws Exception {
        Webhook webhook = deliveries.register();
        String reviewId = Fixtures.newId();
        String body = V4Deliveries.review(reviewId).toString();

        webhook.post().body(body).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("stored"));
        webhook.post().body(body).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("duplicate"));

        Row review = db.one("select *, raw::text as raw_json from review where review_id = $1", reviewId);
        assertThat(review.getString("business_id")).isEqualTo(webhook.businessId());
        assertThat(review.getString("rating")).isEqualTo("5");
        assertThat(review.getString("text")).isEqualTo("best service ever");
        assertThat(review.getString("reviewer_name")).isEqualTo("John D.");
        assertThat(review.getString("lead_id")).isEqualTo("493116442219651072");
        assertThat(review.getString("category_id")).isEqualTo("122681972262289742");
        assertThat(review.getValue("verified")).isNull();
        assertThat(review.getString("review_event_type")).isEqualTo("ReviewCreatedV4");
        assertThat(review.getOffsetDateTime("created_at").toInstant()).hasToString("2026-08-30T09:02:15Z");
        assertThat(Fixtures.JSON.readTree(review.getString("raw_json"))).isEqualTo(Fixtures.JSON.readTree(body));
        Row event = db.one("select type, business_id, data::text from event where type = 'review.received'"
                + " and data#>>'{review,reviewID}' = $1", reviewId);
        assertThat(event.getString(1)).isEqualTo(webhook.businessId());
        JsonNode data = Fixtures.JSON.readTree(event.getString(2));
        assertThat(data.path("review").path("rating").asText()).isEqualTo("5");
        assertThat(data.path("apiVersion").asText()).isEqualTo("v4");
    }

    @Test
    void sixteenDeliveriesOfOneReviewAtOnceStoreItOnce() throws Exception {
        Webhook webhook = deliveries.register();
        String reviewId = Fixtures.newId();
        String body = V4Deliveries.review(reviewId).toString();

        List<Response> answers = Concurrently.all(Collections.nCopies(16,
                () -> webhook.post().body(body).post("/v4/webhooks")));

        assertThat(answers).allMatch(a -> a.statusCode() == 200);
        assertThat(answers.stream().filter(a -> a.asString().contains("\"stored\""))).hasSize(1);
        assertThat(db.count("select count(*) from review where review_id = $1", reviewId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where business_id = $1", webhook.businessId())).isEqualTo(1);
    }

    @Test
    void theReviewIsShownByThePartnerApi() {
        Webhook webhook = deliveries.register();
        String reviewId = Fixtures.newId();
        webhook.post().body(V4Deliveries.review(reviewId).toString()).post("/v4/webhooks").then().statusCode(200);

        io.ttgateway.support.Api.partner().queryParam("businessId", webhook.businessId())
                .get("/api/v1/reviews")
                .then().statusCode(200).body("items[0].reviewId", equalTo(reviewId));
    }

    @Test
    void anUnknownEventTypeIsKeptRawAndAnnounced() throws Exception {
        Webhook webhook = deliveries.register();
        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.putObject("event").put("eventType", "PresetJobMatchedV4").put("webhookID", "587754774977404932")
                .put("triggeredAt", "2026-08-16T17:13:05Z").put("somethingNew", 1.50);
        body.putObject("data").put("presetJobID", Fixtures.newId());
        double before = Metrics.webhooks("v4.unhandled", "stored");

        webhook.post().body(body.toString()).post("/v4/webhooks").then().statusCode(200);

        Row kept = db.one("select event_type, webhook_id, raw::text from v4_delivery where business_id = $1",
                webhook.businessId());
        assertThat(kept.getString(0)).isEqualTo("PresetJobMatchedV4");
        assertThat(kept.getString(1)).isEqualTo("587754774977404932");
        assertThat(Fixtures.JSON.readTree(kept.getString(2))).isEqualTo(body);
        Row event = db.one("select type, data::text from event where business_id = $1", webhook.businessId());
        assertThat(event.getString(0)).isEqualTo("webhook.unhandled");
        assertThat(Fixtures.JSON.readTree(event.getString(1))).isEqualTo(body);
        assertThat(Metrics.webhooks("v4.unhandled", "stored")).isEqualTo(before + 1);
    }
}
