package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (prod profile, built without gateway.simulator.enabled) has no simulator:
 * none of its pages, pro-api endpoints or control endpoints answer, and Basic credentials sent to
 * /simulator are judged by the service's own realm (the simulator's caller provider is absent too).
 */
@QuarkusIntegrationTest
class SimulatorAbsentIT {

    @Test
    void noSimulatorPageOrControlEndpointExists() {
        given().get("/simulator").then().statusCode(404);
        given().queryParam("client_id", "it-client-id").queryParam("response_type", "code").queryParam("scope", "messages")
                .get("/simulator/partner-connect").then().statusCode(404);
        given().contentType(ContentType.URLENC).formParam("client_id", "it-client-id")
                .post("/simulator/partner-connect").then().statusCode(404);
        given().post("/simulator/control/deliver/lead").then().statusCode(404);
        given().post("/simulator/control/next-refresh-null").then().statusCode(404);
        given().get("/simulator/control/messages").then().statusCode(404);
    }

    @Test
    void noSimulatedProApiExists() {
        given().header("Authorization", "Bearer 1.x").get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(404);
        given().header("Authorization", "Bearer 1.x").contentType(ContentType.JSON).body("{\"text\": \"hi\"}")
                .post("/simulator/pro-api/v2/business/1/lead/2/message").then().statusCode(404);
        given().header("Authorization", "Bearer 1.x").contentType(ContentType.JSON).body("{\"enabled\": true}")
                .patch("/simulator/pro-api/v3/accounts/~/services/1/preferences/targeting").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/simulator/pro-api/v1/test/create-lead").then().statusCode(404);
    }

    @Test
    void noSimulatedV4AuthServerOrApiExists() {
        given().queryParam("client_id", "it-client-id").queryParam("response_type", "code")
                .get("/simulator/v4-auth/oauth2/auth").then().statusCode(404);
        given().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token").formParam("refresh_token", "r")
                .post("/simulator/v4-auth/oauth2/token").then().statusCode(404);
        given().header("Authorization", "Bearer x").get("/simulator/v4-api/api/v4/businesses").then().statusCode(404);
        given().post("/simulator/control/v4/users").then().statusCode(404);
        given().post("/simulator/control/v4/deliver/lead").then().statusCode(404);
    }

    @Test
    void clientCredentialsSentToSimulatorPathsMeetTheServiceRealm() {
        given().auth().preemptive().basic("it-client-id", "it-client-secret")
                .queryParam("grant_type", "refresh_token").queryParam("refresh_token", "r").queryParam("token_type", "REFRESH")
                .post("/simulator/pro-api/v2/tokens/access").then().statusCode(401);
    }

    @Test
    void theApiDescriptionDoesNotMentionTheSimulator() {
        given().get("/q/openapi").then().statusCode(200).body(not(containsString("/simulator")));
    }
}
