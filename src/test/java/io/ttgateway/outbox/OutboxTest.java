package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    Db db;

    static String messagePath(String businessId, String leadId) {
        return "/v2/business/" + businessId + "/lead/" + leadId + "/message";
    }

    private ExtractableResponse<Response> send(String businessId, String leadId, String text) {
        return partner().body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/businesses/" + businessId + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract();
    }

    private String statusOf(String id) {
        return partner().get("/api/v1/outbound-messages/" + id).then().statusCode(200).extract().path("status");
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(statusOf(id)));
    }

    @Test
    void queuesWith202AndLocationThenSendsTheExactRequest() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        thumbtackApi.stubFor(post(urlPathEqualTo(messagePath(pro.businessPk(), leadId)))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));

        ExtractableResponse<Response> queued = partner().body("{\"text\":\"Hello, how can I help you?\"}")
                .post("/api/v1/businesses/" + pro.businessPk() + "/leads/" + leadId + "/messages")
                .then().statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("attempts", equalTo(0))
                .extract();
        String id = queued.path("id");
        assertThat(queued.header("Location")).isEqualTo("/api/v1/outbound-messages/" + id);

        awaitStatus(id, "SENT");
        partner().get("/api/v1/outbound-messages/" + id).then().statusCode(200)
                .body("attempts", equalTo(1)).body("sentAt", notNullValue()).body("createdAt", notNullValue());
        thumbtackApi.verify(1, postRequestedFor(urlPathEqualTo(messagePath(pro.businessPk(), leadId)))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + pro.accessToken()))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "application/json"))
                .withRequestBody(equalToJson("{\"text\": \"Hello, how can I help you?\"}")));
        assertThat(db.count("select count(*) from event where type = 'message.sent' and data->>'outboundMessageId' = $1",
                id)).isEqualTo(1);
    }

    @Test
    void countsSendsByOutcomeAndReportsTheBacklog() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        thumbtackApi.stubFor(post(urlPathEqualTo(messagePath(pro.businessPk(), leadId)))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        double sentBefore = Metrics.value("thumbtack_outbound_sends_total{outcome=\"sent\"}");

        String id = send(pro.businessPk(), leadId, "counted").path("id");
        awaitStatus(id, "SENT");

        assertThat(Metrics.value("thumbtack_outbound_sends_total{outcome=\"sent\"}")).isEqualTo(sentBefore + 1);
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("thumbtack_outbox_depth").contains("thumbtack_outbox_oldest_pending_seconds");
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstAndCreatesNothing() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        thumbtackApi.stubFor(post(urlPathEqualTo(messagePath(pro.businessPk(), leadId)))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        String path = "/api/v1/businesses/" + pro.businessPk() + "/leads/" + leadId + "/messages";

        String first = partner().header("Idempotency-Key", "key-1").body("{\"text\":\"once\"}").post(path)
                .then().statusCode(202).extract().path("id");
        String second = partner().header("Idempotency-Key", "key-1").body("{\"text\":\"once\"}").post(path)
                .then().statusCode(202).extract().path("id");

        assertThat(second).isEqualTo(first);
        assertThat(db.count("select count(*) from outbound_message where business_id = $1", pro.businessPk()))
                .isEqualTo(1);
        awaitStatus(first, "SENT");
        thumbtackApi.verify(1, postRequestedFor(urlPathEqualTo(messagePath(pro.businessPk(), leadId))));
    }

    @Test
    void retriesOn503ThenSends() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        String path = messagePath(pro.businessPk(), leadId);
        String scenario = "flaky-" + leadId;
        thumbtackApi.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ThumbtackStubs.json(503, "{}")).willSetStateTo("second"));
        thumbtackApi.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(ThumbtackStubs.json(503, "{}")).willSetStateTo("third"));
        thumbtackApi.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));

        String id = send(pro.businessPk(), leadId, "third time lucky").path("id");

        awaitStatus(id, "SENT");
        partner().get("/api/v1/outbound-messages/" + id).then().body("attempts", equalTo(3));
        thumbtackApi.verify(3, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void fails400AtOnceWithThumbtacksAnswer() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        String path = messagePath(pro.businessPk(), leadId);
        thumbtackApi.stubFor(post(urlPathEqualTo(path))
                .willReturn(ThumbtackStubs.json(400, "{\"error\": \"lead is closed\"}")));

        String id = send(pro.businessPk(), leadId, "too late").path("id");

        awaitStatus(id, "FAILED");
        partner().get("/api/v1/outbound-messages/" + id).then()
                .body("attempts", equalTo(1))
                .body("lastError", org.hamcrest.Matchers.containsString("400"))
                .body("lastError", org.hamcrest.Matchers.containsString("lead is closed"));
        thumbtackApi.verify(1, postRequestedFor(urlPathEqualTo(path)));
        assertThat(db.count("select count(*) from event where type = 'message.failed' and data->>'outboundMessageId' = $1",
                id)).isEqualTo(1);
    }

    @Test
    void on401RefreshesTheTokenOnceAndSends() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        String path = messagePath(pro.businessPk(), leadId);
        String newAccess = ThumbtackStubs.token("access");
        thumbtackApi.stubFor(post(urlPathEqualTo(path)).withHeader("Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + pro.accessToken()))
                .willReturn(ThumbtackStubs.json(401, "{\"error\": \"token expired\"}")));
        thumbtackApi.stubFor(post(urlPathEqualTo(path)).withHeader("Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + newAccess))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(200, ThumbtackStubs.tokenJson(newAccess,
                        ThumbtackStubs.token("refresh"), 3600))));

        String id = send(pro.businessPk(), leadId, "after refresh").path("id");

        awaitStatus(id, "SENT");
        thumbtackApi.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("refresh_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        pro.refreshToken())));
        thumbtackApi.verify(2, postRequestedFor(urlPathEqualTo(path)));
        partner().get("/api/v1/outbound-messages/" + id).then().body("attempts", equalTo(1));
    }

    @Test
    void theLeadShowsItsOutboundMessageInTheConversation() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        thumbtackApi.stubFor(post(urlPathEqualTo(messagePath(pro.businessPk(), leadId)))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        thumbtack().body(Fixtures.lead(leadId, pro.businessPk()).toString()).post("/v1/lead").then().statusCode(200);
        String id = send(pro.businessPk(), leadId, "On my way").path("id");
        awaitStatus(id, "SENT");

        partner().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("messages", hasSize(1))
                .body("messages[0].direction", equalTo("out"))
                .body("messages[0].text", equalTo("On my way"))
                .body("messages[0].status", equalTo("SENT"));
    }

    @Test
    void rejectsBadRequests() {
        TestConnections.Connected pro = TestConnections.connect();
        String path = "/api/v1/businesses/" + pro.businessPk() + "/leads/" + Fixtures.newId() + "/messages";
        partner().body("{\"text\":\"\"}").post(path).then().statusCode(400).body("details[0].field", equalTo("text"));
        partner().body("{}").post(path).then().statusCode(400).body("details[0].field", equalTo("text"));
        partner().body("{\"text\":\"" + "x".repeat(5001) + "\"}").post(path).then().statusCode(400)
                .body("details[0].field", equalTo("text"));
        partner().body("{\"text\":").post(path).then().statusCode(400);
        partner().get("/api/v1/outbound-messages/" + java.util.UUID.randomUUID()).then().statusCode(404);
        partner().get("/api/v1/outbound-messages/not-a-uuid").then().statusCode(404);
    }
}
