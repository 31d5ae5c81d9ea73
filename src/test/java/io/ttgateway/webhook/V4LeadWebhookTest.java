package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
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
import io.ttgateway.support.FeedPages;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.support.V4Deliveries.Webhook;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** NegotiationCreatedV4: a lead like a legacy one (same table, same group commit), once per ID whatever API brought it. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4LeadWebhookTest {

    @Inject
    Db db;

    @Inject
    V4Deliveries deliveries;

    @Test
    void aNegotiationIsStoredAsALeadWithItsFieldsAndOneEvent() throws Exception {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        ObjectNode body = V4Deliveries.negotiation(webhook.businessId(), leadId);
        V4Deliveries.data(body).put("someFieldThumbtackAddedLater", "kept");
        double before = Metrics.webhooks("v4.negotiation_created", "stored");
        OffsetDateTime sent = OffsetDateTime.now();

        webhook.post().body(body.toString()).post("/v4/webhooks").then().statusCode(200)
                .body("status", equalTo("stored"));

        Row lead = db.one("select *, payload::text as raw_json from lead where lead_id = $1", leadId);
        assertThat(lead.getString("api_version")).isEqualTo("v4");
        assertThat(lead.getString("business_id")).isEqualTo(webhook.businessId());
        assertThat(lead.getString("business_name")).isEqualTo("Tim's Painting Business");
        assertThat(lead.getString("customer_id")).isEqualTo("331138063184986319");
        assertThat(lead.getString("customer_name")).isEqualTo("John Davis");
        assertThat(lead.getString("customer_phone")).isEqualTo("1234567890");
        assertThat(lead.getString("request_id")).isEqualTo("2999842694480093245");
        assertThat(lead.getString("category")).isEqualTo("Interior Painting");
        assertThat(lead.getString("category_id")).isEqualTo("122681972262289742");
        assertThat(lead.getString("title")).isEqualTo("Interior Painting");
        assertThat(lead.getString("description")).startsWith("There is a stain");
        assertThat(lead.getString("city")).isEqualTo("Palo Alto");
        assertThat(lead.getString("zip_code")).isEqualTo("94301");
        assertThat(lead.getString("address2")).isNull();
        assertThat(lead.getString("travel_preferences")).isEqualTo("ProviderTravelToCustomer");
        assertThat(lead.getString("price")).isEqualTo("$150.00");
        assertThat(lead.getString("lead_price")).isEqualTo("$25.00");
        assertThat(lead.getString("charge_state")).isEqualTo("Charged");
        assertThat(lead.getString("status")).isEqualTo("Open");
        assertThat(lead.getOffsetDateTime("created_at").toInstant()).hasToString("2026-08-16T17:13:04Z");
        assertThat(lead.getOffsetDateTime("next_poll_at")).isBetween(sent.minusSeconds(5),
                sent.plus(Duration.ofMinutes(15)).plusSeconds(5));
        assertThat(Fixtures.JSON.readTree(lead.getString("raw_json"))).isEqualTo(Fixtures.JSON.readTree(body.toString()));
        assertThat(db.rows("select d->>'question', d->>'answer' from lead, jsonb_array_elements(details)"
                + " with ordinality as x(d, n) where lead_id = $1 order by n", leadId))
                .extracting(r -> r.getString(0) + "=" + r.getString(1))
                .containsExactly("Type of property=Home", "Number of rooms=4 rooms");
        assertThat(db.one("select attachments->0->>'fileName' from lead where lead_id = $1", leadId).getString(0))
                .isEqualTo("door.jpg");

        // the event row holds no data: the feed serves the lead's received_event_data (V19)
        Row event = db.one("select type, business_id, data is null, id from event where lead_id = $1", leadId);
        assertThat(event.getString(0)).isEqualTo("lead.received");
        assertThat(event.getString(1)).isEqualTo(webhook.businessId());
        assertThat(event.getBoolean(2)).isTrue();
        JsonNode data = Fixtures.JSON.readTree(FeedPages.firstAfter(event.getLong(3) - 1, 1)).at("/items/0/data");
        assertThat(data).isEqualTo(Fixtures.JSON.readTree(
                db.one("select received_event_data::text from lead where lead_id = $1", leadId).getString(0)));
        assertThat(data.path("leadID").asText()).isEqualTo(leadId);
        assertThat(data.path("createTimestamp").asText()).isEqualTo(String.valueOf(java.time.Instant.parse("2026-08-16T17:13:04Z").getEpochSecond()));
        assertThat(data.path("customer").path("name").asText()).isEqualTo("John Davis");
        assertThat(data.path("request").path("category").asText()).isEqualTo("Interior Painting");
        assertThat(data.path("request").path("details")).hasSize(2);
        assertThat(data.path("business").path("businessID").asText()).isEqualTo(webhook.businessId());
        assertThat(data.path("leadPrice").asText()).isEqualTo("$25.00");
        assertThat(data.path("status").asText()).isEqualTo("Open");
        assertThat(data.path("apiVersion").asText()).isEqualTo("v4");
        assertThat(Metrics.webhooks("v4.negotiation_created", "stored")).isEqualTo(before + 1);
    }

    @Test
    void aRepeatIsADuplicateWithoutASecondEvent() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String body = V4Deliveries.negotiation(webhook.businessId(), leadId).toString();

        webhook.post().body(body).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("stored"));
        webhook.post().body(body).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("duplicate"));

        assertThat(db.count("select count(*) from lead where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isEqualTo(1);
    }

    @Test
    void aLegacyLeadWithTheSameIdIsNotStoredAgain() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, webhook.businessId()).toString()).post("/v1/lead").then().statusCode(200);

        webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), leadId).toString()).post("/v4/webhooks")
                .then().statusCode(200).body("status", equalTo("duplicate"));

        Row lead = db.one("select api_version, status from lead where lead_id = $1", leadId);
        assertThat(lead.getString(0)).isEqualTo("legacy");
        assertThat(lead.getString(1)).isNull();
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isEqualTo(1);
    }

    @Test
    void legacyAndV4DeliveriesOfOneLeadAtOnceStoreItOnce() throws Exception {
        Webhook webhook = deliveries.register();
        List<String> leadIds = new ArrayList<>();
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String leadId = Fixtures.newId();
            leadIds.add(leadId);
            String legacy = Fixtures.lead(leadId, webhook.businessId()).toString();
            String v4 = V4Deliveries.negotiation(webhook.businessId(), leadId).toString();
            for (int j = 0; j < 3; j++) {
                calls.add(() -> thumbtack().body(legacy).post("/v1/lead"));
                calls.add(() -> webhook.post().body(v4).post("/v4/webhooks"));
            }
        }

        List<Response> answers = Concurrently.all(calls);

        assertThat(answers).allMatch(a -> a.statusCode() == 200);
        assertThat(answers.stream().filter(a -> a.asString().contains("\"stored\""))).hasSize(10);
        String[] ids = leadIds.toArray(String[]::new);
        assertThat(db.count("select count(*) from lead where lead_id = any($1)", (Object) ids)).isEqualTo(10);
        assertThat(db.count("select count(*) from event where lead_id = any($1)", (Object) ids)).isEqualTo(10);
        assertThat(db.count("select sum(jsonb_array_length(details)) from lead where lead_id = any($1)", (Object) ids))
                .isEqualTo(20);
    }

    @Test
    void theOlderTrimmedShapeIsStoredWithWhatItHas() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String body = """
                {"event": {"eventType": "NegotiationCreatedV4", "webhookID": "1", "triggeredAt": "2026-08-16T17:13:05Z"},
                 "data": {"negotiationID": "%s", "createTime": "2026-08-16T17:13:04+02:00", "status": "active",
                          "customer": {"displayName": "Jane S."}}}""".formatted(leadId);

        webhook.post().body(body).post("/v4/webhooks").then().statusCode(200);

        Row lead = db.one("select * from lead where lead_id = $1", leadId);
        assertThat(lead.getString("customer_name")).isEqualTo("Jane S.");
        assertThat(lead.getString("status")).isEqualTo("active");
        assertThat(lead.getString("business_id")).isEqualTo(webhook.businessId());
        assertThat(lead.getString("request_id")).isNull();
        assertThat(lead.getOffsetDateTime("created_at").toInstant()).hasToString("2026-08-16T15:13:04Z");
    }
}
