package io.ttgateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.FeedReader;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Section 7 of the contract from the outside, with WireMock playing Thumbtack v4: a pro with two
 * businesses connects, the service registers a webhook per business, Thumbtack delivers a lead to
 * each with the credentials it was given, the partner answers one, Thumbtack's echo of that answer is
 * not a second message, and a price change read back from Thumbtack reaches the feed.
 */
@QuarkusTest
class V4EndToEndTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Test
    void aTwoBusinessProConnectsReceivesLeadsAnswersOneAndSeesAPolledPriceChange() throws Exception {
        String b1 = Fixtures.newId();
        String b2 = Fixtures.newId();
        String access = "v4-access-" + Fixtures.newId() + "-" + "a".repeat(1100);
        thumbtack.stubFor(post("/oauth2/token").willReturn(json(200, "{\"access_token\":\"" + access
                + "\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"v4-refresh-"
                + Fixtures.newId() + "\",\"scope\":\"offline_access supply::businesses.list\"}")));
        thumbtack.stubFor(get("/api/v4/businesses").willReturn(json(200, "{\"data\":[{\"businessID\":\"" + b1
                + "\",\"name\":\"Ana Plumbing\"},{\"businessID\":\"" + b2 + "\",\"name\":\"Ana Painting\"}],"
                + "\"pagination\":{\"limit\":20}}")));
        thumbtack.stubFor(get(urlPathMatching("/api/v4/businesses/[^/]+/webhooks"))
                .willReturn(json(200, "{\"data\":[],\"pagination\":{\"limit\":20}}")));
        thumbtack.stubFor(post(urlPathMatching("/api/v4/businesses/[^/]+/webhooks"))
                .willReturn(json(201, "{\"webhookID\":\"" + Fixtures.newId() + "\",\"webhookURL\":\""
                        + ThumbtackWireMock.PUBLIC_URL + "/v4/webhooks\",\"enabled\":true,\"authType\":\"Basic\"}")));
        FeedReader feed = FeedReader.atTail(db);

        // The pro connects: PKCE and audience on the way out, the verifier at the token step.
        Response connect = given().redirects().follow(false).get("/oauth/v4/connect");
        assertThat(connect.statusCode()).isEqualTo(302);
        Map<String, String> authorize = query(connect.header("Location"));
        assertThat(authorize).containsEntry("audience", "urn:partner-api").containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", ThumbtackWireMock.V4_CLIENT_ID);
        String page = given().queryParam("code", "code-" + Fixtures.newId()).queryParam("state", authorize.get("state"))
                .get("/oauth/v4/callback").then().statusCode(200).extract().asString();
        assertThat(page).contains("Ana Plumbing").contains("Ana Painting");
        LoggedRequest exchange = thumbtack.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token"))).get(0);
        String verifier = form(exchange.getBodyAsString()).get("code_verifier");
        assertThat(challengeOf(verifier)).isEqualTo(authorize.get("code_challenge"));

        // One webhook per business, with credentials of its own, shown as REGISTERED.
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String business : List.of(b1, b2)) {
                JsonPath connection = partner().get("/api/v1/connections/" + business).then().statusCode(200)
                        .extract().jsonPath();
                assertThat(connection.getString("apiVersion")).isEqualTo("v4");
                assertThat(connection.getString("webhook.status")).isEqualTo("REGISTERED");
            }
        });
        JsonNode hook1 = registration(b1);
        JsonNode hook2 = registration(b2);
        assertThat(hook1.path("webhookURL").asText()).isEqualTo(ThumbtackWireMock.PUBLIC_URL + "/v4/webhooks");
        assertThat(hook1.path("auth").path("password").asText()).isNotEqualTo(hook2.path("auth").path("password").asText());
        String connections = partner().get("/api/v1/connections").asString();
        assertThat(connections).doesNotContain(access).doesNotContain(hook1.path("auth").path("password").asText());

        // A lead for each business, each with its own webhook's credentials; the wrong one is refused.
        String lead1 = Fixtures.newId();
        String lead2 = Fixtures.newId();
        deliver(hook1, negotiation(lead1, b1)).then().statusCode(200);
        deliver(hook2, negotiation(lead2, b2)).then().statusCode(200);
        deliver(hook1, negotiation(Fixtures.newId(), b2)).then().statusCode(403);
        deliver(hook1, negotiation(lead1, b1)).then().statusCode(200);

        // The partner answers the first; Thumbtack answers with the stored message, then echoes it.
        String messageId = Fixtures.newId();
        thumbtack.stubFor(post("/api/v4/negotiations/" + lead1 + "/messages").willReturn(json(201,
                "{\"messageID\":\"" + messageId + "\",\"negotiationID\":\"" + lead1
                        + "\",\"from\":\"Business\",\"text\":\"Tuesday works\"}")));
        String outbound = partner().body("{\"text\":\"Tuesday works\"}")
                .post("/api/v1/businesses/" + b1 + "/leads/" + lead1 + "/messages")
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(
                partner().get("/api/v1/outbound-messages/" + outbound).then().extract().path("status")));
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/negotiations/" + lead1 + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + access)));
        deliver(hook1, echo(messageId, lead1, b1, "Tuesday works")).then().statusCode(200);
        String conversation = partner().get("/api/v1/leads/" + lead1).asString();
        assertThat(count(conversation, "Tuesday works")).isEqualTo(1);

        // Thumbtack charged the lead: the service learns it by reading the negotiation back.
        thumbtack.stubFor(get("/api/v4/negotiations/" + lead1).willReturn(json(200, "{\"negotiationID\":\"" + lead1
                + "\",\"createdAt\":\"2026-12-01T10:00:00Z\",\"status\":\"Open\",\"chargeState\":\"Charged\","
                + "\"leadPrice\":\"$31.50\"}")));
        JsonPath synced = partner().post("/api/v1/leads/" + lead1 + "/sync").then().statusCode(200).extract().jsonPath();
        assertThat(synced.getString("leadPrice")).isEqualTo("$31.50");
        assertThat(synced.getString("chargeState")).isEqualTo("Charged");
        assertThat(synced.getString("apiVersion")).isEqualTo("v4");

        List<String> events = feed.drain(100).stream().map(e -> e.type() + " " + e.leadId())
                .collect(Collectors.toList());
        assertThat(events).containsSubsequence("lead.received " + lead1, "lead.received " + lead2,
                "message.sent " + lead1, "lead.updated " + lead1);
        assertThat(events).filteredOn(e -> e.startsWith("lead.received")).hasSize(2);
        assertThat(events).filteredOn(e -> e.startsWith("connection.connected")).hasSize(2);
        assertThat(events).noneMatch(e -> e.startsWith("message.pro_sent"));
        assertThat(events).noneMatch(e -> e.startsWith("message.received"));
    }

    private JsonNode registration(String businessId) throws Exception {
        List<LoggedRequest> creates = thumbtack.findAll(
                postRequestedFor(urlPathEqualTo("/api/v4/businesses/" + businessId + "/webhooks")));
        assertThat(creates).as("webhook creations of " + businessId).hasSize(1);
        return Fixtures.JSON.readTree(creates.get(0).getBodyAsString());
    }

    private static Response deliver(JsonNode hook, ObjectNode delivery) {
        return given().auth().preemptive().basic(hook.path("auth").path("username").asText(),
                        hook.path("auth").path("password").asText())
                .contentType(ContentType.JSON).body(delivery.toString()).post("/v4/webhooks");
    }

    private static ObjectNode envelope(String eventType, ObjectNode data) {
        ObjectNode delivery = Fixtures.JSON.createObjectNode();
        delivery.putObject("event").put("eventType", eventType).put("description", "")
                .put("webhookID", "587754774977404932").put("triggeredAt", "2026-12-03T17:13:05Z");
        delivery.set("data", data);
        return delivery;
    }

    private static ObjectNode negotiation(String negotiationId, String businessId) {
        ObjectNode data = Fixtures.JSON.createObjectNode().put("negotiationID", negotiationId)
                .put("createdAt", "2026-12-01T10:00:00Z").put("status", "Open").put("chargeState", "Pending")
                .put("leadPrice", "$25.00");
        data.putObject("business").put("businessID", businessId).put("name", "Ana's");
        data.putObject("customer").put("customerID", Fixtures.newId()).put("firstName", "Sam")
                .put("lastName", "Lee").put("phone", "5551234567");
        ObjectNode request = data.putObject("request").put("requestID", Fixtures.newId())
                .put("description", "Leaky faucet");
        request.putObject("category").put("categoryID", "123").put("name", "Plumbing");
        request.putObject("location").put("city", "Austin").put("state", "TX").put("zipCode", "78701");
        request.putArray("details").addObject().put("question", "Which fixture?").put("answer", "Kitchen sink");
        return envelope("NegotiationCreatedV4", data);
    }

    private static ObjectNode echo(String messageId, String negotiationId, String businessId, String text) {
        ObjectNode data = Fixtures.JSON.createObjectNode().put("messageID", messageId)
                .put("negotiationID", negotiationId).put("from", "Business").put("text", text)
                .put("sentAt", "2026-12-03T17:14:00Z");
        data.putObject("business").put("businessID", businessId).put("displayName", "Ana's");
        data.putArray("attachments");
        return envelope("MessageCreatedV4", data);
    }

    private static Map<String, String> query(String location) {
        return form(URI.create(location).getRawQuery());
    }

    private static Map<String, String> form(String encoded) {
        return java.util.Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : ""));
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String challengeOf(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
