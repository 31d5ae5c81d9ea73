package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * README.md "Try it in five minutes", the v4 path, step by step, against the service and its built-in
 * simulator (SimulatorV4Profile: the same wiring as `./mvnw quarkus:dev`): connect a pro who owns two
 * businesses, receive a lead on each, answer one, see Thumbtack's echo of the answer not stored twice,
 * and see a price change that only polling can find arrive in the feed as lead.updated.
 */
@QuarkusTest
@TestProfile(SimulatorV4Profile.class)
class TryItV4WalkthroughTest {

    @Inject
    Db db;

    @Test
    void aTwoBusinessProFromConnectingToAPolledPriceChange() {
        long before = db.count("select coalesce(max(id), 0) from event");

        // Step 1: connect a pro who owns two businesses (browser: /oauth/v4/connect, tick both, Allow).
        JsonPath user = V4Sim.newUser(2);
        List<String> businesses = user.getList("businesses.businessId");
        Response start = Browser.get(SimulatorProfile.BASE + "/oauth/v4/connect");
        start.then().statusCode(302);
        String authorize = start.header("Location");
        assertThat(authorize).startsWith(SimulatorProfile.BASE + "/simulator/v4-auth/oauth2/auth?");
        Map<String, String> asked = Sim.query(authorize);
        assertThat(asked).containsEntry("client_id", V4Sim.CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("audience", "urn:partner-api").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", SimulatorProfile.BASE + "/oauth/v4/callback")
                .containsKeys("state", "code_challenge", "scope");
        String consent = Browser.get(authorize).then().statusCode(200).extract().asString();
        Response allowed = Browser.submit(SimulatorProfile.BASE, consent, Map.of());
        allowed.then().statusCode(302);
        String callback = allowed.header("Location");
        assertThat(Sim.query(callback)).containsEntry("state", asked.get("state")).containsKey("code");
        String connected = Browser.get(callback).then().statusCode(200).extract().asString();
        for (int i = 0; i < 2; i++) {
            assertThat(connected).contains(Html.esc(user.getString("businesses[" + i + "].name")));
        }
        for (String business : businesses) {
            // registration runs after the callback's answer: the connection shows it once it is done
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    partner().get("/api/v1/connections/" + business).then().statusCode(200)
                            .body("status", equalTo("CONNECTED")).body("apiVersion", equalTo("v4"))
                            .body("webhook.status", equalTo("REGISTERED")));
            // the service registered exactly one webhook per business, at its public URL, with Basic credentials
            given().queryParam("businessId", business).get("/simulator/control/v4/webhooks").then().statusCode(200)
                    .body("$", hasSize(1)).body("[0].webhookURL", equalTo(SimulatorProfile.BASE + "/v4/webhooks"))
                    .body("[0].authType", equalTo("Basic")).body("[0].enabled", equalTo(true));
        }

        // Step 2: Thumbtack sends a lead to each business; the service stores both.
        String[] leads = new String[2];
        for (int i = 0; i < 2; i++) {
            JsonPath delivered = given().queryParam("businessId", businesses.get(i))
                    .post("/simulator/control/v4/deliver/lead").then().statusCode(200)
                    .body("deliveries", hasSize(1)).body("deliveries[0].status", equalTo(200)).extract().jsonPath();
            leads[i] = delivered.getString("data.negotiationID");
            partner().queryParam("businessId", businesses.get(i)).get("/api/v1/leads").then().statusCode(200)
                    .body("items[0].leadId", equalTo(leads[i]));
        }

        // Step 3: answer the first lead through the partner API; Thumbtack receives it on v4.
        String text = "Hi John, I can come by Tuesday at 6 PM.";
        String outbound = partner().body(Map.of("text", text))
                .post("/api/v1/businesses/" + businesses.get(0) + "/leads/" + leads[0] + "/messages")
                .then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> partner().get(outbound).then().statusCode(200)
                .body("status", equalTo("SENT")));
        given().queryParam("leadId", leads[0]).get("/simulator/control/messages").then().statusCode(200)
                .body("[0].api", equalTo("v4")).body("[0].text", equalTo(text));

        // Step 4: Thumbtack echoes the message (MessageCreatedV4 from Business, same messageID); it is not
        // stored twice and raises no message.pro_sent.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/simulator/control/v4/deliveries")
                .then().body("find { it.payload.data.negotiationID == '" + leads[0]
                        + "' && it.payload.data.from == 'Business' }.status", equalTo(200)));
        String lead = partner().get("/api/v1/leads/" + leads[0]).then().statusCode(200).extract().asString();
        assertThat(lead.split(Pattern.quote(text), -1)).hasSize(2);

        // Step 5: the price changes at Thumbtack (no webhook for that in v4); a sync polls it now.
        given().queryParam("leadPrice", "$26.00").queryParam("chargeState", "Charged")
                .post("/simulator/control/v4/negotiations/" + leads[0]).then().statusCode(200);
        partner().post("/api/v1/leads/" + leads[0] + "/sync").then().statusCode(200)
                .body(containsString("$26.00"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(before, businesses.get(0)))
                .containsExactly("connection.connected", "lead.received", "message.sent", "lead.updated"));
        assertThat(types(before, businesses.get(1))).containsExactly("connection.connected", "lead.received");

        // More: the pro answers the second lead in Thumbtack's own app; the service shows it as the pro's.
        given().queryParam("negotiationId", leads[1]).queryParam("text", "Typed in the Thumbtack app")
                .post("/simulator/control/v4/deliver/pro-message").then().statusCode(200)
                .body("deliveries[0].status", equalTo(200));
        partner().get("/api/v1/leads/" + leads[1]).then().statusCode(200)
                .body(containsString("Typed in the Thumbtack app"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(before, businesses.get(1)))
                .containsExactly("connection.connected", "lead.received", "message.pro_sent"));
    }

    /** The feed's event types of one business after {@code after}, in feed order. */
    private static List<Object> types(long after, String businessId) {
        return partner().queryParam("after", after).queryParam("limit", 500).get("/api/v1/events").then()
                .statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.businessId == '" + businessId + "' }.type");
    }
}
