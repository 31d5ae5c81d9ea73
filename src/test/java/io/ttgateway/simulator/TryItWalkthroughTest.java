package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ttgateway.support.Api;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README.md "Try it in five minutes", step by step, against the service and its built-in simulator (SimulatorProfile: the
 * same wiring as `./mvnw quarkus:dev`). Each block below is one step of the page.
 */
@QuarkusTest
@TestProfile(SimulatorProfile.class)
class TryItWalkthroughTest {

    @Inject
    Db db;

    @Test
    void fiveMinutesFromConnectingAProToSeeingTheAnswerArrive() throws Exception {
        long before = db.count("select coalesce(max(id), 0) from event");
        CompletableFuture<List<String>> live = stream(before, "message.sent");

        // Step 1: connect a simulated pro (browser: /oauth/connect, "Confirm Connection").
        String name = "Ana's Plumbing " + Fixtures.newId();
        String businessId = ConnectThroughSimulatorTest.connect(name, "messages,targeting");
        partner().get("/api/v1/connections").then().statusCode(200)
                .body("find { it.businessId == '" + businessId + "' }.status", equalTo("CONNECTED"))
                .body("find { it.businessId == '" + businessId + "' }.businessName", equalTo(name))
                .body("find { it.businessId == '" + businessId + "' }.scopes", hasItem("targeting"));

        // Step 2: the simulated Thumbtack sends a lead (to the business connected last).
        JsonPath delivered = given().post("/simulator/control/deliver/lead").then().statusCode(200)
                .body("status", equalTo(200)).extract().jsonPath();
        String leadId = delivered.getString("payload.leadID");
        assertThat(delivered.getString("payload.business.businessID")).isEqualTo(businessId);
        partner().queryParam("businessId", businessId).get("/api/v1/leads").then().statusCode(200)
                .body("items[0].leadId", equalTo(leadId));

        // Step 3: answer the customer through the partner API.
        String text = "Hi John, I can come by Tuesday at 6 PM.";
        Response queued = partner().body(Map.of("text", text))
                .post("/api/v1/businesses/" + businessId + "/leads/" + leadId + "/messages");
        queued.then().statusCode(202).header("Location", containsString("/api/v1/outbound-messages/"));
        String outbound = queued.header("Location");
        awaitSent(outbound);

        // Step 4: the event feed, paged and live.
        // The feed shows an event once every earlier transaction has settled, so it may trail by a moment.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<Map<String, Object>> events = partner().queryParam("after", before).queryParam("limit", 500)
                    .get("/api/v1/events").then().statusCode(200).extract().jsonPath()
                    .getList("items.findAll { it.businessId == '" + businessId + "' }");
            assertThat(events).extracting(e -> e.get("type"))
                    .containsExactly("connection.connected", "lead.received", "message.sent");
        });
        assertThat(live.get(15, TimeUnit.SECONDS)).containsSubsequence("connection.connected", "lead.received",
                "message.sent");

        // Step 5: the simulated Thumbtack received the message, on the v2 endpoint with the pro's token.
        given().queryParam("leadId", leadId).get("/simulator/control/messages").then().statusCode(200)
                .body("[0].text", equalTo(text)).body("[0].api", equalTo("v2"))
                .body("[0].businessId", equalTo(businessId));
        given().get("/simulator").then().statusCode(200).body(containsString("I can come by Tuesday at 6 PM."));

        // Step 6 (more): the customer replies; the conversation shows both messages in order.
        given().queryParam("leadId", leadId).queryParam("text", "Tuesday works, see you then!")
                .post("/simulator/control/deliver/message").then().statusCode(200).body("status", equalTo(200));
        partner().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body(containsString(text)).body(containsString("Tuesday works, see you then!"));
    }

    @Test
    void targetingAndTheNullRefreshFromTheMoreSection() {
        String businessId = ConnectThroughSimulatorTest.connect("Targeting Pro " + Fixtures.newId(), "messages,targeting");

        partner().body(Map.of("enabled", false))
                .patch("/api/v1/businesses/" + businessId + "/services/" + businessId + "/targeting")
                .then().statusCode(200).body("status", equalTo("success"));
        given().get("/simulator/control/targeting").then()
                .body("find { it.businessId == '" + businessId + "' }.enabled", equalTo(false));

        given().post("/simulator/control/next-refresh-null").then().statusCode(200);
        partner().post("/api/v1/connections/" + businessId + "/refresh").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
        given().get("/simulator/control/token-requests").then()
                .body("findAll { it.businessId == '" + businessId + "' }.outcome",
                        hasItem("answered again within the grace period"));
    }

    @Test
    void anOutageAndAStagingTestLeadFromTheMoreSection() throws Exception {
        String businessId = ConnectThroughSimulatorTest.connect("Outage Pro " + Fixtures.newId(), "messages");
        String leadId = given().queryParam("businessId", businessId).post("/simulator/control/deliver/lead")
                .then().statusCode(200).extract().path("payload.leadID");

        given().queryParam("operation", "message").queryParam("status", 503).queryParam("times", 2)
                .queryParam("businessId", businessId).post("/simulator/control/faults").then().statusCode(200);
        String outbound = partner().body(Map.of("text", "Second try"))
                .post("/api/v1/businesses/" + businessId + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract().header("Location");
        JsonPath sent = awaitSent(outbound);
        assertThat(sent.getInt("attempts")).isEqualTo(3);
        given().queryParam("leadId", leadId).get("/simulator/control/messages").then()
                .body("text", org.hamcrest.Matchers.contains("Second try"));

        String created = partner().body(Map.of("businessId", businessId)).post("/api/v1/test/create-lead")
                .then().statusCode(200).body("business.businessID", equalTo(businessId)).extract().path("leadID");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> db.count("select count(*) from lead where lead_id = $1", created) > 0);
        assertThat(db.count("select count(*) from lead where lead_id = $1 and business_id = $2", created, businessId))
                .isEqualTo(1);
    }

    private static JsonPath awaitSent(String outbound) {
        return await("outbound message " + outbound + " SENT").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> partner().get(outbound).then().statusCode(200).extract().jsonPath(),
                        message -> "SENT".equals(message.getString("status")));
    }

    /** The live feed (GET /api/v1/events/stream) from {@code afterId}: event types until {@code last} arrives. */
    private static CompletableFuture<List<String>> stream(long afterId, String last) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SimulatorProfile.BASE + "/api/v1/events/stream"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", String.valueOf(afterId))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("partner:" + Api.PARTNER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
                    List<String> types = new ArrayList<>();
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (line.startsWith("event:")) {
                                types.add(line.substring(6).trim());
                                if (types.get(types.size() - 1).equals(last)) {
                                    return types;
                                }
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return types;
                });
    }
}
