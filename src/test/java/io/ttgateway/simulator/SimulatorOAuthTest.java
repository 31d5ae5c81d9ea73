package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ttgateway.support.Fixtures;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated authorization flow against the reference's Authentication section, steps 2 to 6. */
@QuarkusTest
class SimulatorOAuthTest {

    private static String pro() {
        return "Test Pro " + Fixtures.newId();
    }

    @Test
    void partnerConnectPageAsksToConfirmAndEscapesWhatItEchoes() {
        String html = given().queryParam("client_id", Sim.clientId()).queryParam("redirect_uri", Sim.REDIRECT)
                .queryParam("response_type", "code").queryParam("scope", "messages,targeting")
                .queryParam("state", "\"><script>alert(1)</script>")
                .get("/simulator/partner-connect")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Confirm Connection"), containsString("messages, targeting"))
                .extract().asString();
        assertThat(html).doesNotContain("<script>alert(1)</script>")
                .contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .contains("Tim&#39;s Painting Business");
    }

    /** {@code client} "ours" is the simulator's client; no scope leaves the parameter out. */
    @ParameterizedTest(name = "client {0}, response_type {1}, scope {2}: {3}")
    @CsvSource({
            "someone-else, code,  messages, Unknown client_id",
            "ours,         token, messages, response_type must be code",
            "ours,         code,  payments, Unknown scope payments",
            "ours,         code,          , scope is required"})
    void partnerConnectRefusesBadRequests(String client, String responseType, String scope, String error) {
        RequestSpecification request = given().queryParam("client_id", "ours".equals(client) ? Sim.clientId() : client)
                .queryParam("response_type", responseType);
        if (scope != null) {
            request.queryParam("scope", scope);
        }
        request.get("/simulator/partner-connect").then().statusCode(400).body(containsString(error));
    }

    @Test
    void confirmingRedirectsWithCodeScopeAndState() {
        Response redirect = Sim.confirm(pro(), "messages,targeting", "st-123", Sim.REDIRECT);

        redirect.then().statusCode(302);
        String location = redirect.header("Location");
        assertThat(location).startsWith(Sim.REDIRECT + "?code=");
        Map<String, String> query = Sim.query(location);
        assertThat(query.get("code")).matches("[A-Za-z0-9_-]{22}");
        assertThat(query).containsEntry("scope", "messages,targeting").containsEntry("state", "st-123");
    }

    @Test
    void withoutRedirectUriTheCodeIsShownAndStillExchangeable() {
        String html = Sim.confirm(pro(), "messages", null, null).then().statusCode(200).extract().asString();
        String code = html.replaceAll("(?s).*<code id=\"code\">([^<]+)</code>.*", "$1");

        Sim.exchange(code, Sim.REDIRECT).then().statusCode(200).body("token_type", equalTo("bearer"));
    }

    @Test
    void codeExchangeAnswersTheReferenceShapeAndInfoNamesTheBusiness() {
        String name = pro();
        Response tokens = Sim.exchange(Sim.code(name, "messages"), Sim.REDIRECT);

        tokens.then().statusCode(200).contentType(containsString("application/json"))
                .body("token_type", equalTo("bearer")).body("expires_in", equalTo(3600));
        Map<String, Object> body = tokens.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in", "refresh_token");
        String access = tokens.path("access_token");
        assertThat(access).startsWith("1.");
        String claims = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]));
        assertThat(claims).contains("\"ClientID\":\"" + Sim.clientId() + "\"").contains("\"Scope\":[\"messages\"]");

        Map<String, Object> info = Sim.bearer(access).get("/simulator/pro-api/v2/get-thumbtack-info")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(info).containsOnlyKeys("business_pk", "client_id", "scope", "business_name")
                .containsEntry("client_id", Sim.clientId()).containsEntry("business_name", name)
                .containsEntry("scope", java.util.List.of("messages"));
        assertThat((String) info.get("business_pk")).matches("\\d{18}");
        assertThat(claims).contains("\"BusinessPK\":" + info.get("business_pk"));
    }

    @Test
    void aCodeWorksOnceForItsRedirectUriAndItsClientWithinFiveMinutes() {
        String code = Sim.code(pro(), "messages");
        Sim.exchange(code, "http://localhost:8080/elsewhere").then().statusCode(400).body("error", equalTo("invalid_grant"));
        Sim.exchange(code, Sim.REDIRECT).then().statusCode(200);
        Sim.exchange(code, Sim.REDIRECT).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("already used"));

        String late = Sim.code(pro(), "messages");
        Sim.advanceClock(301);
        Sim.exchange(late, Sim.REDIRECT).then().statusCode(400).body("error_description", containsString("expired"));

        Sim.exchange("no-such-code", Sim.REDIRECT).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void tokenRequestsNeedTheClientCredentialsAndTheReferenceParameters() {
        String code = Sim.code(pro(), "messages");
        given().queryParam("grant_type", "authorization_code").queryParam("code", code)
                .queryParam("redirect_uri", Sim.REDIRECT).queryParam("token_type", "AUTH_CODE")
                .post("/simulator/pro-api/v2/tokens/access").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic(Sim.clientId(), "wrong-secret")
                .queryParam("grant_type", "authorization_code").queryParam("code", code)
                .queryParam("redirect_uri", Sim.REDIRECT).queryParam("token_type", "AUTH_CODE")
                .post("/simulator/pro-api/v2/tokens/access").then().statusCode(401).body("error", equalTo("invalid_client"));
        Sim.client().queryParam("grant_type", "authorization_code").queryParam("code", code)
                .queryParam("redirect_uri", Sim.REDIRECT)
                .post("/simulator/pro-api/v2/tokens/access").then().statusCode(400)
                .body("error_description", equalTo("token_type must be AUTH_CODE"));
        Sim.client().queryParam("grant_type", "authorization_code").queryParam("code", code)
                .queryParam("token_type", "AUTH_CODE")
                .post("/simulator/pro-api/v2/tokens/access").then().statusCode(400)
                .body("error_description", equalTo("redirect_uri is required"));
        Sim.client().queryParam("grant_type", "password").post("/simulator/pro-api/v2/tokens/access")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        // None of the failed attempts used the code up.
        Sim.exchange(code, Sim.REDIRECT).then().statusCode(200);
    }

    @Test
    void refreshIssuesANewPairAndAcceptsTheUsedTokenAgainOnlyWithinTheGracePeriod() {
        Map<String, String> connection = Sim.connect(pro(), "messages");
        String refreshToken = connection.get("refresh_token");

        Response first = Sim.refresh(refreshToken);
        first.then().statusCode(200).body("token_type", equalTo("bearer"))
                .body("access_token", not(equalTo(connection.get("access_token"))))
                .body("refresh_token", not(equalTo(refreshToken)));
        Sim.refresh(refreshToken).then().statusCode(200)
                .body("access_token", equalTo(first.path("access_token")))
                .body("refresh_token", equalTo(first.path("refresh_token")));
        Sim.bearer(first.path("access_token")).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(200)
                .body("business_pk", equalTo(connection.get("business_pk")));

        Sim.advanceClock(11);
        Sim.refresh(refreshToken).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("already used"));
        Sim.refresh(first.path("refresh_token")).then().statusCode(200);
        Sim.refresh("unknown-refresh-token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aNullAnswerIsFollowedByTheSamePairForTheSameTokenWithinTenSeconds() {
        Map<String, String> connection = Sim.connect(pro(), "messages");
        given().post("/simulator/control/next-refresh-null").then().statusCode(200);

        String nullAnswer = Sim.refresh(connection.get("refresh_token")).then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString();
        assertThat(nullAnswer).isEqualTo("null");

        Response retry = Sim.refresh(connection.get("refresh_token"));
        retry.then().statusCode(200).body("token_type", equalTo("bearer"));
        Sim.bearer(retry.path("access_token")).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(200);
        // Only the next refresh was answered null.
        Sim.refresh(retry.path("refresh_token")).then().statusCode(200).body("token_type", equalTo("bearer"));
        assertThat(given().get("/simulator/control/token-requests").then().extract().jsonPath()
                .getList("findAll { it.businessId == '" + connection.get("business_pk") + "' }.outcome", String.class))
                .containsSubsequence("issued", "answered again within the grace period", "answered null", "issued");
    }

    @Test
    void anExpiredOrUnknownAccessTokenIs401() {
        Map<String, String> connection = Sim.connect(pro(), "messages");
        Sim.bearer("1.not-a-token").get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer")).body("error", equalTo("invalid_token"));
        given().get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(401);

        given().queryParam("businessId", connection.get("business_pk")).post("/simulator/control/expire-access-tokens")
                .then().statusCode(200).body("expired", equalTo(1));
        Sim.bearer(connection.get("access_token")).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(401)
                .body("error_description", equalTo("access token expired"));
        // The refresh token still works and gives a live access token.
        String fresh = Sim.refresh(connection.get("refresh_token")).then().statusCode(200).extract().path("access_token");
        Sim.bearer(fresh).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(200);
    }

    @Test
    void accessTokensExpireAfterTheirLifetime() {
        Map<String, String> connection = Sim.connect(pro(), "messages");
        Sim.advanceClock(3599);
        Sim.bearer(connection.get("access_token")).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(200);
        Sim.advanceClock(2);
        Sim.bearer(connection.get("access_token")).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(401);
    }

    @Test
    void disconnectRevokesTheBusinessTokensAndIsRecorded() {
        Map<String, String> connection = Sim.connect(pro(), "messages");
        String businessId = connection.get("business_pk");

        given().queryParam("business_pk", businessId).post("/simulator/pro-api/v2/disconnect-partner")
                .then().statusCode(401);
        Map<String, Object> answer = Sim.client().queryParam("business_pk", businessId)
                .post("/simulator/pro-api/v2/disconnect-partner").then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(answer).containsExactly(Map.entry("business_pk", businessId), Map.entry("client_id", Sim.clientId()));

        Sim.bearer(connection.get("access_token")).get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(401);
        Sim.refresh(connection.get("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().get("/simulator/control/disconnects").then().statusCode(200)
                .body("find { it.businessId == '" + businessId + "' }.revokedTokens", equalTo(1));
        Sim.client().post("/simulator/pro-api/v2/disconnect-partner").then().statusCode(400)
                .body("error_description", equalTo("business_pk is required"));
    }

    @Test
    void theServiceUsersAreUnaffectedOutsideTheSimulator() {
        given().auth().preemptive().basic(Sim.clientId(), Sim.setting("thumbtack.client-secret"))
                .get("/api/v1/leads").then().statusCode(401);
        given().get("/simulator/control/connections").then().statusCode(200).body("$", not(contains("x")));
    }
}
