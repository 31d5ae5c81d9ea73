package io.ttgateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.ThumbtackWireMock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulated v4 API against the v4 reference: businesses of the grant, webhook CRUD, deliveries that
 * really reach the registered URL with the registered credentials (WireMock plays the partner), the echo
 * of a sent message, job status, reviews paging, and the firewall's 202.
 */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class SimulatorV4ApiTest {

    private static final List<String> LEADS_MESSAGES_REVIEWS = List.of("NegotiationCreatedV4", "MessageCreatedV4",
            "ReviewCreatedV4");

    @InjectWireMock
    WireMockServer wireMock;

    /** A path of the partner (WireMock) that answers 200 to deliveries. */
    private String hook() {
        String path = "/partner-v4-hooks/" + Fixtures.newId();
        wireMock.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        return path;
    }

    private List<JsonNode> received(String path, int atLeast) {
        await().atMost(Duration.ofSeconds(10)).until(() -> wireMock.findAll(postRequestedFor(urlPathEqualTo(path))).size()
                >= atLeast);
        return wireMock.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map(SimulatorV4ApiTest::body).toList();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return Fixtures.JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTokenOpensTheGrantsBusinessesOnly() {
        V4Sim.Grant grant = V4Sim.connect(2);
        V4Sim.Grant other = V4Sim.connect(1);

        JsonPath page = V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("data.businessID")).isEqualTo(grant.businessIds());
        assertThat(V4Sim.keys(page.getMap("$"))).isEqualTo(V4Sim.keys(Fixtures.json("v4-businesses.json")));
        assertThat(V4Sim.keys(page.getMap("data[0]")))
                .isEqualTo(V4Sim.keys(Fixtures.json("v4-businesses.json").get("data").get(0)));
        assertThat(page.getInt("pagination.limit")).isEqualTo(20);
        V4Sim.bearer(grant.accessToken()).queryParam("limit", 1).get(V4Sim.API + "/businesses").then().statusCode(200)
                .body("data.businessID", Matchers.equalTo(grant.businessIds().subList(0, 1)));

        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/users/self").then().statusCode(200)
                .body("userID", Matchers.equalTo(grant.userId())).body("email", containsString("@"));
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses/" + grant.businessIds().get(1)).then()
                .statusCode(200).body("businessID", Matchers.equalTo(grant.businessIds().get(1)));
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses/" + other.businessIds().get(0)).then()
                .statusCode(403).body("status", Matchers.equalTo(403)).body("title", Matchers.equalTo("Forbidden"));
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses/" + other.businessIds().get(0) + "/webhooks")
                .then().statusCode(403);
    }

    @Test
    void aMissingUnknownOrExpiredTokenGets401InRfc7807() {
        V4Sim.Grant grant = V4Sim.connect(1);
        given().get(V4Sim.API + "/businesses").then().statusCode(401).body("type", Matchers.equalTo("about:blank"))
                .body("title", Matchers.equalTo("Unauthorized")).body("status", Matchers.equalTo(401))
                .body("detail", containsString("invalid token"));
        V4Sim.bearer("not-a-token").get(V4Sim.API + "/businesses").then().statusCode(401);

        given().queryParam("businessId", grant.businessIds().get(0)).post("/simulator/control/v4/expire-access-tokens")
                .then().statusCode(200).body("expired", Matchers.equalTo(1));
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses").then().statusCode(401)
                .body("detail", containsString("invalid token"));
        // a refresh brings the grant back
        String fresh = V4Sim.refresh(grant.refreshToken()).then().statusCode(200).extract().path("access_token");
        V4Sim.bearer(fresh).get(V4Sim.API + "/businesses").then().statusCode(200);
    }

    @Test
    void webhooksAreCreatedListedEnabledReauthenticatedAndDeletedWithoutEverShowingTheSecret() {
        V4Sim.Grant grant = V4Sim.connect(1);
        String business = grant.businessIds().get(0);
        String base = V4Sim.API + "/businesses/" + business + "/webhooks";
        String password = "pw-" + Fixtures.newId();

        String created = V4Sim.bearer(grant.accessToken())
                .body(Map.of("webhookURL", "https://partner.example/v4/webhooks", "eventTypes", LEADS_MESSAGES_REVIEWS,
                        "enabled", true, "auth", Map.of("username", "u1", "password", password)))
                .post(base).then().statusCode(201).extract().asString();
        JsonPath webhook = JsonPath.from(created);
        String id = webhook.getString("webhookID");
        assertThat(created).doesNotContain(password);
        assertThat(V4Sim.keys(webhook.getMap("$"))).isEqualTo(V4Sim.keys(Fixtures.json("v4-webhook.json")));
        assertThat(webhook.getString("authType")).isEqualTo("Basic");
        assertThat(webhook.getString("businessID")).isEqualTo(business);
        assertThat(webhook.getList("eventTypes")).isEqualTo(LEADS_MESSAGES_REVIEWS);

        V4Sim.bearer(grant.accessToken()).get(base).then().statusCode(200).body("data.webhookID", Matchers.contains(id))
                .body("pagination.limit", Matchers.equalTo(20));
        V4Sim.bearer(grant.accessToken()).body(Map.of("enabled", false)).put(base + "/" + id).then().statusCode(200)
                .body("enabled", Matchers.equalTo(false));
        V4Sim.bearer(grant.accessToken()).get(base + "/" + id).then().statusCode(200)
                .body("enabled", Matchers.equalTo(false));
        String reauth = V4Sim.bearer(grant.accessToken()).body(Map.of("header", "X-Partner-Key", "value", password))
                .put(base + "/" + id + "/auth").then().statusCode(200)
                .body("authType", Matchers.equalTo("CustomHeader")).extract().asString();
        assertThat(reauth).doesNotContain(password);
        given().get("/simulator/control/v4/webhooks?businessId=" + business).then().statusCode(200)
                .body("authType", Matchers.contains("CustomHeader")).body(not(containsString(password)));
        given().get("/simulator").then().statusCode(200).body(containsString("https://partner.example/v4/webhooks"))
                .body(not(containsString(password)));

        V4Sim.bearer(grant.accessToken()).delete(base + "/" + id).then().statusCode(204);
        V4Sim.bearer(grant.accessToken()).get(base + "/" + id).then().statusCode(404);
        V4Sim.bearer(grant.accessToken()).get(base).then().statusCode(200).body("data", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"webhookURL\": \"http://partner.example/hooks\", \"eventTypes\": [\"NegotiationCreatedV4\"]}|webhookURL",
        "{\"eventTypes\": [\"NegotiationCreatedV4\"]}|webhookURL",
        "{\"webhookURL\": \"https://partner.example/hooks\", \"eventTypes\": [\"NegotationCreatedV4\"]}|eventTypes",
        "{\"webhookURL\": \"https://partner.example/hooks\", \"eventTypes\": []}|eventTypes",
        "{\"webhookURL\": \"https://partner.example/hooks\", \"eventTypes\": [\"NegotiationCreatedV4\"], \"enabled\": \"yes\"}|enabled",
        "{\"webhookURL\": \"https://partner.example/hooks\", \"eventTypes\": [\"NegotiationCreatedV4\"], \"auth\": {\"username\": \"u\"}}|auth.password",
        "{\"webhookURL\": \"https://partner.example/hooks\", \"eventTypes\": [\"NegotiationCreatedV4\"], \"auth\": {\"token\": \"t\"}}|auth"})
    void aWrongWebhookIsRefusedNamingTheField(String body, String field) {
        V4Sim.Grant grant = V4Sim.connect(1);
        String base = V4Sim.API + "/businesses/" + grant.businessIds().get(0) + "/webhooks";
        V4Sim.bearer(grant.accessToken()).body(body).post(base).then().statusCode(400)
                .body("status", Matchers.equalTo(400)).body("detail", Matchers.startsWith(field + " "));
        V4Sim.bearer(grant.accessToken()).get(base).then().body("data", hasSize(0));
    }

    @Test
    void aTestNegotiationIsDeliveredToEachSubscribedEnabledWebhookWithItsOwnCredentials() {
        V4Sim.Grant grant = V4Sim.connect(2);
        String business = grant.businessIds().get(0);
        String leads = hook();
        String reviewsOnly = hook();
        String disabled = hook();
        String otherBusiness = hook();
        String url = wireMock.baseUrl();
        String leadHook = V4Sim.webhook(grant, business, url + leads, LEADS_MESSAGES_REVIEWS, "partner-user", "s3cret:pw");
        V4Sim.webhook(grant, business, url + reviewsOnly, List.of("ReviewCreatedV4"), "u2", "p2");
        String off = V4Sim.webhook(grant, business, url + disabled, LEADS_MESSAGES_REVIEWS, "u3", "p3");
        V4Sim.bearer(grant.accessToken()).body(Map.of("enabled", false))
                .put(V4Sim.API + "/businesses/" + business + "/webhooks/" + off).then().statusCode(200);
        V4Sim.webhook(grant, grant.businessIds().get(1), url + otherBusiness, LEADS_MESSAGES_REVIEWS, "u4", "p4");

        String negotiationId = V4Sim.bearer(grant.accessToken())
                .post(V4Sim.API + "/businesses/" + business + "/webhooks/test-negotiation").then().statusCode(200)
                .extract().path("negotiationID");

        JsonNode delivery = received(leads, 1).get(0);
        wireMock.verify(postRequestedFor(urlPathEqualTo(leads))
                .withHeader("Authorization", equalTo(V4Sim.basic("partner-user", "s3cret:pw")))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(delivery.at("/event/eventType").asText()).isEqualTo("NegotiationCreatedV4");
        assertThat(delivery.at("/event/description").asText()).isEmpty();
        assertThat(delivery.at("/event/webhookID").asText()).isEqualTo(leadHook);
        assertThat(delivery.at("/event/triggeredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(delivery.at("/data/negotiationID").asText()).isEqualTo(negotiationId);
        assertThat(delivery.at("/data/business/businessID").asText()).isEqualTo(business);
        assertThat(delivery.at("/data/customer/firstName").asText()).isEqualTo("Test");
        assertThat(delivery.at("/data/customer/phone").asText()).isEqualTo("1234567890");
        assertThat(V4Sim.keys(delivery.get("data"))).isEqualTo(V4Sim.keys(Fixtures.json("v4-negotiation-created.json").get("data")));

        // a lead delivered through the control endpoint reaches the same webhook; still nothing for the others
        given().queryParam("businessId", business).post("/simulator/control/v4/deliver/lead").then().statusCode(200)
                .body("deliveries", hasSize(1)).body("deliveries[0].status", Matchers.equalTo(200));
        received(leads, 2);
        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(reviewsOnly)))).isEmpty();
        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(disabled)))).isEmpty();
        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(otherBusiness)))).isEmpty();
    }

    @Test
    void aSentMessageIsAnsweredWithItsIdAndEchoedWithTheSameIdFromBusiness() {
        V4Sim.Grant grant = V4Sim.connect(1);
        String business = grant.businessIds().get(0);
        String path = hook();
        V4Sim.webhook(grant, business, wireMock.baseUrl() + path, List.of("MessageCreatedV4"), "u", "p");
        String negotiationId = given().queryParam("businessId", business).post("/simulator/control/v4/deliver/lead")
                .then().statusCode(200).body("deliveries", hasSize(0)).extract().path("data.negotiationID");

        JsonPath sent = V4Sim.bearer(grant.accessToken()).body(Map.of("text", "Hi John,\r\nTuesday at 6 PM?"))
                .post(V4Sim.API + "/negotiations/" + negotiationId + "/messages").then().statusCode(200).extract().jsonPath();
        String messageId = sent.getString("messageID");
        assertThat(messageId).matches("\\d{18}");
        assertThat(sent.getString("from")).isEqualTo("Business");

        JsonNode echo = received(path, 1).get(0);
        assertThat(echo.at("/event/eventType").asText()).isEqualTo("MessageCreatedV4");
        assertThat(echo.at("/data/messageID").asText()).isEqualTo(messageId);
        assertThat(echo.at("/data/from").asText()).isEqualTo("Business");
        assertThat(echo.at("/data/negotiationID").asText()).isEqualTo(negotiationId);
        assertThat(echo.at("/data/business/businessID").asText()).isEqualTo(business);
        assertThat(echo.at("/data/text").asText()).isEqualTo("Hi John,\r\nTuesday at 6 PM?");
        assertThat(V4Sim.keys(echo.get("data")))
                .isEqualTo(V4Sim.keys(Fixtures.json("v4-message-created-business.json").get("data")));

        given().queryParam("negotiationId", negotiationId).queryParam("text", "Great!")
                .post("/simulator/control/v4/deliver/message").then().statusCode(200)
                .body("deliveries[0].status", Matchers.equalTo(200)).body("data.from", Matchers.equalTo("Customer"));
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/negotiations/" + negotiationId + "/messages").then()
                .statusCode(200).body("data.text", Matchers.contains("Great!", "Hi John,\r\nTuesday at 6 PM?"))
                .body("data[1].messageID", Matchers.equalTo(messageId)).body("pagination.limit", Matchers.equalTo(20));
        given().queryParam("leadId", negotiationId).get("/simulator/control/messages").then()
                .body("[0].api", Matchers.equalTo("v4")).body("[0].text", Matchers.equalTo("Hi John,\r\nTuesday at 6 PM?"));

        V4Sim.bearer(grant.accessToken()).body(Map.of("text", "")).post(V4Sim.API + "/negotiations/" + negotiationId
                + "/messages").then().statusCode(400).body("detail", Matchers.startsWith("text "));
    }

    @Test
    void aSendWhoseAnswerIsLateHasItsEchoDeliveredBeforeTheAnswerArrives() {
        V4Sim.Grant grant = V4Sim.connect(1);
        String business = grant.businessIds().get(0);
        String path = hook();
        V4Sim.webhook(grant, business, wireMock.baseUrl() + path, List.of("MessageCreatedV4"), "u", "p");
        String negotiationId = given().queryParam("businessId", business).post("/simulator/control/v4/deliver/lead")
                .then().statusCode(200).extract().path("data.negotiationID");
        // the send is carried out at once; its answer waits 3 s, the echo 500 ms (gateway.simulator.v4-echo-delay)
        given().queryParam("operation", "v4-message").queryParam("delayMs", 3000).queryParam("businessId", business)
                .post("/simulator/control/faults").then().statusCode(200);

        String messageId = V4Sim.bearer(grant.accessToken()).body(Map.of("text", "late answer"))
                .post(V4Sim.API + "/negotiations/" + negotiationId + "/messages").then().statusCode(200)
                .extract().path("messageID");

        List<LoggedRequest> echoes = wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(echoes).hasSize(1);
        assertThat(body(echoes.get(0)).at("/data/messageID").asText()).isEqualTo(messageId);
    }

    @Test
    void aNegotiationIsReadBackWithTheChangesOnlyPollingCanSeeAndItsJobStatusIsChecked() {
        V4Sim.Grant grant = V4Sim.connect(1);
        V4Sim.Grant other = V4Sim.connect(1);
        String negotiationId = given().queryParam("businessId", grant.businessIds().get(0))
                .post("/simulator/control/v4/deliver/lead").then().statusCode(200).extract().path("data.negotiationID");
        String path = V4Sim.API + "/negotiations/" + negotiationId;

        JsonPath lead = V4Sim.bearer(grant.accessToken()).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(V4Sim.keys(lead.getMap("$"))).isEqualTo(V4Sim.keys(Fixtures.json("v4-negotiation.json")));
        assertThat(lead.getString("leadPrice")).isEqualTo("$25.00");
        given().queryParam("leadPrice", "$26.00").queryParam("chargeState", "Charged")
                .post("/simulator/control/v4/negotiations/" + negotiationId).then().statusCode(200);
        V4Sim.bearer(grant.accessToken()).get(path).then().statusCode(200).body("leadPrice", Matchers.equalTo("$26.00"))
                .body("chargeState", Matchers.equalTo("Charged")).body("status", Matchers.equalTo("Open"));
        given().queryParam("status", "Closed").post("/simulator/control/v4/negotiations/" + negotiationId).then()
                .statusCode(400);
        V4Sim.bearer(other.accessToken()).get(path).then().statusCode(403);
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/negotiations/1").then().statusCode(404);

        V4Sim.bearer(grant.accessToken()).body(Map.of("status", "appt_scheduled")).post(path + "/job-status").then()
                .statusCode(200);
        V4Sim.bearer(grant.accessToken()).body(Map.of("status", "scheduled")).post(path + "/job-status").then()
                .statusCode(400).body("detail", containsString("not_scheduled, appt_scheduled, job_complete,"
                        + " invoice_paid, customer_cancel, pro_cancel"));
        given().get("/simulator/control/v4/job-statuses").then()
                .body("find { it.negotiationId == '" + negotiationId + "' }.status", Matchers.equalTo("appt_scheduled"));
    }

    @Test
    void reviewsArePagedWithLimitOffsetAndNext() {
        V4Sim.Grant grant = V4Sim.connect(1);
        String business = grant.businessIds().get(0);
        for (int i = 0; i < 3; i++) {
            given().queryParam("businessId", business).post("/simulator/control/v4/deliver/review").then().statusCode(200);
        }
        String reviews = V4Sim.API + "/businesses/" + business + "/reviews";

        JsonPath first = V4Sim.bearer(grant.accessToken()).queryParam("limit", 2).queryParam("offset", 0).get(reviews)
                .then().statusCode(200).body("data", hasSize(2)).body("pagination.limit", Matchers.equalTo(2))
                .body("pagination.offset", Matchers.equalTo(0)).body("pagination.next", Matchers.equalTo(2))
                .extract().jsonPath();
        assertThat(V4Sim.keys(first.getMap("$"))).isEqualTo(V4Sim.keys(Fixtures.json("v4-reviews-page.json")));
        assertThat(V4Sim.keys(first.getMap("data[0]")))
                .isEqualTo(V4Sim.keys(Fixtures.json("v4-reviews-page.json").get("data").get(0)));
        JsonPath second = V4Sim.bearer(grant.accessToken()).queryParam("limit", 2).queryParam("offset", 2).get(reviews)
                .then().statusCode(200).body("data", hasSize(1)).body("pagination.next", nullValue()).extract().jsonPath();
        assertThat(second.getString("data[0].reviewID")).isNotIn(first.getList("data.reviewID"));
        V4Sim.bearer(grant.accessToken()).get(reviews).then().body("data", hasSize(3))
                .body("pagination.limit", Matchers.equalTo(10));
        V4Sim.bearer(grant.accessToken()).queryParam("limit", 0).get(reviews).then().statusCode(400)
                .body("detail", Matchers.startsWith("limit "));
    }

    @Test
    void theFirewallsChallengeIs202WithAPageAndRateLimitingCarriesRetryAfter() {
        V4Sim.Grant grant = V4Sim.connect(1);
        given().queryParam("operation", "v4-api").queryParam("status", 202).post("/simulator/control/faults")
                .then().statusCode(200);
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses").then().statusCode(202)
                .contentType(containsString("text/html"));
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/businesses").then().statusCode(200);

        String negotiationId = given().queryParam("businessId", grant.businessIds().get(0))
                .post("/simulator/control/v4/deliver/lead").then().statusCode(200).extract().path("data.negotiationID");
        given().queryParam("operation", "v4-message").queryParam("status", 429)
                .queryParam("businessId", grant.businessIds().get(0)).post("/simulator/control/faults")
                .then().statusCode(200);
        V4Sim.bearer(grant.accessToken()).body(Map.of("text", "hello"))
                .post(V4Sim.API + "/negotiations/" + negotiationId + "/messages").then().statusCode(429)
                .header("Retry-After", "1");
        // the refused send was not stored
        V4Sim.bearer(grant.accessToken()).get(V4Sim.API + "/negotiations/" + negotiationId + "/messages").then()
                .body("data", hasSize(0));
    }

    @Test
    void theDashboardShowsBothApis() {
        V4Sim.Grant grant = V4Sim.connect(2);
        given().contentType(ContentType.URLENC).formParam("businessId", grant.businessIds().get(1))
                .redirects().follow(false).post("/simulator/ui/v4/deliver/lead").then().statusCode(303);
        String negotiationId = given().get("/simulator/control/v4/negotiations?businessId=" + grant.businessIds().get(1))
                .then().statusCode(200).extract().path("[0].negotiationId");
        given().get("/simulator").then().statusCode(200)
                .body(containsString("Connections (live token pairs)"), containsString("Thumbtack v4"),
                        containsString(grant.businessIds().get(0)), containsString(negotiationId),
                        containsString("v4 webhooks registered"));
    }
}
