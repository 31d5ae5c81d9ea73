package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ttgateway.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service's real OAuth client and refresh code against the simulator, which follows the reference:
 * connect through the partner-connect page, refresh (also through a null answer), disconnect.
 */
@QuarkusTest
@TestProfile(SimulatorProfile.class)
class ConnectThroughSimulatorTest {

    /** /oauth/connect -> simulator page -> Confirm Connection -> /oauth/callback; answers the business ID. */
    static String connect(String businessName, String scope) {
        Response start = Browser.get(SimulatorProfile.BASE + "/oauth/connect?scope=" + scope);
        start.then().statusCode(302);
        String connectUrl = start.header("Location");
        assertThat(connectUrl).startsWith(SimulatorProfile.BASE + "/simulator/partner-connect?client_id=");
        Map<String, String> asked = Sim.query(connectUrl);
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", Sim.clientId())
                .containsEntry("redirect_uri", SimulatorProfile.BASE + "/oauth/callback").containsKey("state");

        String page = Browser.get(connectUrl).then().statusCode(200).extract().asString();
        Response confirmed = Browser.submit(SimulatorProfile.BASE, page, Map.of("new_business", businessName));
        confirmed.then().statusCode(302);
        String callback = confirmed.header("Location");
        assertThat(Sim.query(callback)).containsEntry("state", asked.get("state")).containsKey("code");

        Browser.get(callback).then().statusCode(200).body(containsString(businessName.replace("'", "&#39;")));
        List<Map<String, Object>> connections = given().get("/simulator/control/connections").then().extract()
                .jsonPath().getList("$");
        return connections.stream().filter(c -> businessName.equals(c.get("businessName")))
                .map(c -> (String) c.get("businessId")).findFirst().orElseThrow();
    }

    @Test
    void aProConnectsThroughThePartnerConnectPage() {
        String name = "Connected Pro " + Fixtures.newId();
        String businessId = connect(name, "messages,targeting");

        partner().get("/api/v1/connections/" + businessId).then().statusCode(200)
                .body("businessName", equalTo(name)).body("status", equalTo("CONNECTED"))
                .body("scopes", hasItems("messages", "targeting"));
        List<String> outcomes = given().get("/simulator/control/token-requests").then().extract().jsonPath()
                .getList("findAll { it.businessId == '" + businessId + "' }.outcome", String.class);
        assertThat(outcomes).containsExactly("issued");
    }

    @Test
    void aRefreshAnsweredNullIsRetriedWithTheSameTokenWithinTheGracePeriod() {
        String businessId = connect("Refreshing Pro " + Fixtures.newId(), "messages");
        given().post("/simulator/control/next-refresh-null").then().statusCode(200);

        partner().post("/api/v1/connections/" + businessId + "/refresh").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));

        List<String> outcomes = given().get("/simulator/control/token-requests").then().extract().jsonPath()
                .getList("findAll { it.businessId == '" + businessId + "' }.outcome", String.class);
        // Newest first: the exchange, the null answer, then the retry answered within the grace period.
        assertThat(outcomes).containsExactly("answered again within the grace period", "answered null", "issued");
        // The stored pair is the one Thumbtack issued: a further refresh with it is accepted.
        partner().post("/api/v1/connections/" + businessId + "/refresh").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
        assertThat(given().get("/simulator/control/token-requests").then().extract().jsonPath()
                .getString("find { it.businessId == '" + businessId + "' }.outcome")).isEqualTo("issued");
    }

    @Test
    void disconnectingReachesTheSimulatorAndRevokesTheTokens() {
        String businessId = connect("Leaving Pro " + Fixtures.newId(), "messages");

        partner().delete("/api/v1/connections/" + businessId).then().statusCode(204);

        given().get("/simulator/control/disconnects").then()
                .body("find { it.businessId == '" + businessId + "' }.revokedTokens", equalTo(1))
                .body("find { it.businessId == '" + businessId + "' }.clientId", equalTo(Sim.clientId()));
        partner().get("/api/v1/connections/" + businessId).then().statusCode(200)
                .body("status", equalTo("DISCONNECTED"));
        assertThat(given().get("/simulator/control/connections").then().extract().jsonPath()
                .getList("findAll { it.businessId == '" + businessId + "' }")).isEmpty();
    }
}
