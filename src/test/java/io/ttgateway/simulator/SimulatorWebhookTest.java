package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated Thumbtack delivering webhooks to the running service, which stores them. */
@QuarkusTest
class SimulatorWebhookTest {

    @Inject
    Db db;

    @Inject
    WebhookSender sender;

    private static JsonPath deliver(String kind, Map<String, String> params) {
        return given().queryParams(params).post("/simulator/control/deliver/" + kind)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDeliveredLeadIsStoredForTheConnectedBusiness() {
        String name = "Webhook Pro " + Fixtures.newId();
        String businessId = Sim.connect(name, "messages").get("business_pk");

        JsonPath sent = deliver("lead", Map.of());

        assertThat(sent.getString("kind")).isEqualTo("lead");
        assertThat(sent.getString("method")).isEqualTo("POST");
        assertThat(sent.getString("url")).endsWith("/v1/lead");
        assertThat(sent.getInt("status")).isEqualTo(200);
        String leadId = sent.getString("payload.leadID");
        assertThat(leadId).matches("\\d{18}").isNotEqualTo("299614694480093245");
        assertThat(sent.getString("payload.business.businessID")).isEqualTo(businessId);
        Row lead = db.one("select business_id, business_name, category, customer_name from lead where lead_id = $1", leadId);
        assertThat(lead.getString("business_id")).isEqualTo(businessId);
        assertThat(lead.getString("business_name")).isEqualTo(name);
        assertThat(lead.getString("category")).isEqualTo("Interior Painting");
        assertThat(lead.getString("customer_name")).isEqualTo("John Davis");
    }

    @Test
    void messageUpdateAndReviewFollowTheLead() {
        String businessId = Fixtures.newId();
        String leadId = deliver("lead", Map.of("businessId", businessId)).getString("payload.leadID");

        JsonPath message = deliver("message", Map.of("leadId", leadId, "text", "Is Tuesday fine?"));
        assertThat(message.getInt("status")).isEqualTo(200);
        String messageId = message.getString("payload.message.messageID");
        Row stored = db.one("select lead_id, business_id, text from message where message_id = $1", messageId);
        assertThat(stored.getString("lead_id")).isEqualTo(leadId);
        assertThat(stored.getString("business_id")).isEqualTo(businessId);
        assertThat(stored.getString("text")).isEqualTo("Is Tuesday fine?");

        JsonPath update = deliver("lead-update", Map.of("leadId", leadId));
        assertThat(update.getString("method")).isEqualTo("PUT");
        assertThat(update.getInt("status")).isEqualTo(200);
        assertThat(db.one("select lead_price from lead where lead_id = $1", leadId).getString(0)).isEqualTo("$26.00");

        JsonPath review = deliver("review", Map.of("businessId", businessId));
        assertThat(review.getInt("status")).isEqualTo(200);
        assertThat(review.getBoolean("payload.review.verified")).isTrue();
        assertThat(review.getString("payload.review.leadID")).isEqualTo(leadId);
        String reviewId = review.getString("payload.review.reviewID");
        assertThat(db.count("select count(*) from review where review_id = $1 and business_id = $2", reviewId, businessId))
                .isEqualTo(1);
    }

    @Test
    void aMessageOnALeadTheServiceNeverSawIsAnswered202() {
        String leadId = Fixtures.newId();
        JsonPath message = deliver("message", Map.of("leadId", leadId));
        assertThat(message.getInt("status")).isEqualTo(202);
        assertThat(message.getString("payload.leadID")).isEqualTo(leadId);
    }

    @Test
    void anUnverifiedReviewLeavesOutTheLeadFields() {
        String businessId = Fixtures.newId();
        JsonPath review = deliver("review", Map.of("businessId", businessId));
        assertThat(review.getInt("status")).isEqualTo(200);
        assertThat(review.getBoolean("payload.review.verified")).isFalse();
        assertThat(review.getMap("payload.review")).doesNotContainKeys("leadID", "categoryID", "text", "photos")
                .containsEntry("businessID", businessId).containsEntry("rating", "4");
    }

    @Test
    void aCreatedLeadIsAlsoDeliveredToTheService() {
        String businessId = Fixtures.newId();
        String leadId = Sim.v1().body("{\"businessID\": \"" + businessId + "\"}").post("/simulator/pro-api/v1/test/create-lead")
                .then().statusCode(200).extract().path("leadID");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> db.count("select count(*) from lead where lead_id = $1", leadId) > 0);
        Row lead = db.one("select business_id, category, lead_type, address1 from lead where lead_id = $1", leadId);
        assertThat(lead.getString("business_id")).isEqualTo(businessId);
        assertThat(lead.getString("category")).isEqualTo("House Cleaning");
        assertThat(lead.getString("lead_type")).isEqualTo("REQUEST_A_QUOTE");
        assertThat(lead.getString("address1")).isNull();
    }

    @Test
    void aServiceThatDoesNotAnswerIsReportedWithTheError() {
        ActivityLog.SentWebhook sent = sender.send("lead", HttpMethod.POST, "http://127.0.0.1:1", "/v1/lead",
                Fixtures.lead(Fixtures.newId(), Fixtures.newId())).await().atMost(Duration.ofSeconds(15));

        assertThat(sent.status()).isNull();
        assertThat(sent.error()).isNotBlank();
        assertThat(sent.url()).isEqualTo("http://127.0.0.1:1/v1/lead");
        given().get("/simulator/control/webhooks").then().body("[0].url", equalTo("http://127.0.0.1:1/v1/lead"))
                .body("[0].status", equalTo(null));
    }

    @Test
    void theDashboardListsWhatWasSentAndReceivedEscaped() {
        String leadId = deliver("lead", Map.of("businessId", Fixtures.newId())).getString("payload.leadID");
        deliver("message", Map.of("leadId", leadId, "text", "<b>bold</b> & more"));
        Map<String, String> pro = Sim.connect("Dash <Pro> " + Fixtures.newId(), "messages");
        Sim.bearer(pro.get("access_token")).body("{\"text\": \"<i>reply</i>\"}")
                .post("/simulator/pro-api/v2/business/" + pro.get("business_pk") + "/lead/" + leadId + "/message")
                .then().statusCode(200);

        String html = given().get("/simulator").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(html).contains(leadId).contains("&lt;i&gt;reply&lt;/i&gt;").contains("&lt;b&gt;bold&lt;/b&gt; &amp; more")
                .contains("Dash &lt;Pro&gt;").doesNotContain("<i>reply</i>").doesNotContain("<b>bold</b>")
                .contains("action=\"/simulator/ui/deliver/lead\"");
    }

    @Test
    void dashboardButtonsDeliverAndComeBack() {
        String businessId = Fixtures.newId();
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("businessId", businessId).post("/simulator/ui/deliver/lead")
                .then().statusCode(303).header("Location", endsWith("/simulator"));
        given().get("/simulator/control/webhooks").then().statusCode(200)
                .body("[0].payload.business.businessID", equalTo(businessId))
                .body("[0].status", equalTo(200))
                .body("[0].url", matchesPattern("http://.+:\\d+/v1/lead"));
    }
}
