package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackWireMock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated v4 authorization server against the v4 reference's OAuth 2.0 section. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class SimulatorV4AuthTest {

    @Test
    void theConsentPageOffersEveryBusinessOfTheSignedInUserAndRedirectsWithCodeScopeAndState() {
        JsonPath user = V4Sim.newUser(3);
        List<String> ids = user.getList("businesses.businessId");

        String html = given().queryParams(V4Sim.authorizeParams(V4Sim.ALL_SCOPES, "urn:partner-api"))
                .get(V4Sim.AUTH + "/auth").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(html).contains("Allow", "Deny", "name=\"user_id\" value=\"" + user.getString("userId") + "\"");
        ids.forEach(id -> assertThat(html).contains("name=\"business_id\" value=\"" + id + "\" checked"));
        assertThat(html).contains(Html.esc(user.getString("businesses[0].name")));

        Response redirect = V4Sim.allow(user.getString("userId"), ids.subList(0, 2), V4Sim.ALL_SCOPES, "urn:partner-api");
        redirect.then().statusCode(302);
        assertThat(redirect.header("Location")).startsWith(V4Sim.REDIRECT + "?code=");
        Map<String, String> query = Sim.query(redirect.header("Location"));
        assertThat(query).containsEntry("state", "state-0123456789").containsEntry("scope", V4Sim.ALL_SCOPES);

        Response tokens = V4Sim.exchange(query.get("code"), V4Sim.VERIFIER);
        tokens.then().statusCode(200);
        // only the two ticked businesses are in the grant
        V4Sim.bearer(tokens.path("access_token")).get(V4Sim.API + "/businesses").then().statusCode(200)
                .body("data.businessID", equalTo(ids.subList(0, 2)));
    }

    @Test
    void denyingRedirectsWithAccessDeniedAndTickingNoBusinessIsRefused() {
        JsonPath user = V4Sim.newUser(2);
        Response denied = Sim.noRedirects().contentType(ContentType.URLENC)
                .formParams(V4Sim.authorizeParams(V4Sim.ALL_SCOPES, "urn:partner-api"))
                .formParam("user_id", user.getString("userId")).formParam("decision", "deny")
                .post(V4Sim.AUTH + "/auth");
        denied.then().statusCode(302);
        assertThat(Sim.query(denied.header("Location"))).containsEntry("error", "access_denied")
                .containsEntry("state", "state-0123456789").doesNotContainKey("code");

        V4Sim.allow(user.getString("userId"), List.of(), V4Sim.ALL_SCOPES, "urn:partner-api").then().statusCode(400)
                .body(containsString("Tick one or more of your businesses"));
        // another user's business cannot be slipped into the form
        String foreign = V4Sim.newUser(1).getString("businesses[0].businessId");
        V4Sim.allow(user.getString("userId"), List.of(foreign), V4Sim.ALL_SCOPES, "urn:partner-api").then()
                .statusCode(400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "client_id|simulator-client|Unknown client_id",
        "response_type|token|response_type must be code",
        "scope|offline_access,supply::businesses.list|Unknown scope offline_access,supply::businesses.list",
        "scope|supply::reviews.read|Unknown scope supply::reviews.read",
        "state|short|state must be at least 8 characters",
        "code_challenge_method|plain|code_challenge_method must be S256",
        "redirect_uri|/oauth/v4/callback|redirect_uri is required and must be an absolute http(s) URL"})
    void theAuthorizationRequestIsCheckedAsThumbtackDoes(String parameter, String value, String problem) {
        Map<String, Object> params = new HashMap<>(V4Sim.authorizeParams(V4Sim.ALL_SCOPES, "urn:partner-api"));
        params.put(parameter, value);
        given().queryParams(params).get(V4Sim.AUTH + "/auth").then().statusCode(400).body(containsString(problem));
    }

    @Test
    void theTokenAnswerHasTheFixturesShapeALongAccessTokenAndAnHour() {
        JsonPath user = V4Sim.newUser(2);
        String code = V4Sim.code(user.getString("userId"), user.getList("businesses.businessId"), V4Sim.ALL_SCOPES,
                "urn:partner-api");

        JsonPath tokens = V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(200)
                .header("Cache-Control", "no-store").extract().jsonPath();

        assertThat(V4Sim.keys(tokens.getMap("$"))).isEqualTo(V4Sim.keys(Fixtures.json("v4-token-response.json")));
        assertThat(tokens.getString("token_type")).isEqualTo("bearer");
        assertThat(tokens.getInt("expires_in")).isEqualTo(3600);
        assertThat(tokens.getString("scope")).isEqualTo(V4Sim.ALL_SCOPES);
        assertThat(tokens.getString("access_token")).hasSizeBetween(1_000, 1_400).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void aCodeWorksOnceForTheSameRedirectUriAndIsRevokedWhenReused() {
        JsonPath user = V4Sim.newUser(1);
        List<String> ids = user.getList("businesses.businessId");
        String code = V4Sim.code(user.getString("userId"), ids, V4Sim.ALL_SCOPES, "urn:partner-api");
        V4Sim.client().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", "http://localhost:9999/elsewhere").formParam("code_verifier", V4Sim.VERIFIER)
                .post(V4Sim.AUTH + "/token").then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("redirect_uri"));

        String access = V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(200).extract().path("access_token");
        V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("already used"));
        // RFC 6749: what the code was exchanged for is revoked when it is replayed
        V4Sim.bearer(access).get(V4Sim.API + "/users/self").then().statusCode(401);
    }

    @Test
    void manyExchangesOfOneCodeAtOnceIssueExactlyOneGrant() throws Exception {
        JsonPath user = V4Sim.newUser(1);
        String code = V4Sim.code(user.getString("userId"), user.getList("businesses.businessId"), V4Sim.ALL_SCOPES,
                "urn:partner-api");

        List<Integer> statuses = Concurrently.statuses(8, () -> V4Sim.exchange(code, V4Sim.VERIFIER).statusCode());

        assertThat(statuses).containsOnly(200, 400).filteredOn(s -> s == 200).hasSize(1);
        // the replays revoked the one grant that was issued
        given().get("/simulator/control/v4/grants").then().statusCode(200)
                .body("findAll { it.userId == '" + user.getString("userId") + "' }", hasSize(0));
    }

    @Test
    void refreshesRacingWithOneTokenAllSucceedWithinTheGraceAndEachGetsItsOwnPair() throws Exception {
        V4Sim.Grant grant = V4Sim.connect(1);

        Callable<String> refresh = () -> V4Sim.refresh(grant.refreshToken()).then().statusCode(200).extract()
                .path("refresh_token");
        List<String> rotated = Concurrently.all(Collections.nCopies(6, refresh));

        assertThat(rotated).doesNotHaveDuplicates().doesNotContain(grant.refreshToken());
        given().get("/simulator/control/v4/token-requests").then()
                .body("findAll { it.userId == '" + grant.userId() + "' && it.outcome == 'issued' }", hasSize(2))
                .body("findAll { it.userId == '" + grant.userId() + "' && it.outcome.contains('grace') }", hasSize(5));
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        JsonPath user = V4Sim.newUser(1);
        String code = V4Sim.code(user.getString("userId"), user.getList("businesses.businessId"), V4Sim.ALL_SCOPES,
                "urn:partner-api");
        Sim.advanceClock(301);
        V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("expired"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {"NONE,code_verifier is required", "a-wrong-verifier-0123456789-0123456789-0123456789,does not match"})
    void pkceRefusesAMissingOrWrongVerifier(String verifier, String problem) {
        JsonPath user = V4Sim.newUser(1);
        String code = V4Sim.code(user.getString("userId"), user.getList("businesses.businessId"), V4Sim.ALL_SCOPES,
                "urn:partner-api");
        V4Sim.exchange(code, verifier).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString(problem));
    }

    @Test
    void theTokenEndpointWantsTheV4ClientAsBasicAuth() {
        JsonPath user = V4Sim.newUser(1);
        String code = V4Sim.code(user.getString("userId"), user.getList("businesses.businessId"), V4Sim.ALL_SCOPES,
                "urn:partner-api");
        for (Map.Entry<String, String> wrong : Map.of(V4Sim.CLIENT_ID, "wrong-secret", "simulator-client",
                "simulator-secret").entrySet()) {
            given().auth().preemptive().basic(wrong.getKey(), wrong.getValue()).contentType(ContentType.URLENC)
                    .formParam("grant_type", "authorization_code").formParam("code", code)
                    .formParam("redirect_uri", V4Sim.REDIRECT).formParam("code_verifier", V4Sim.VERIFIER)
                    .post(V4Sim.AUTH + "/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        }
        given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code").formParam("code", code)
                .post(V4Sim.AUTH + "/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        // the refused attempts did not use the code up
        V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(200);
    }

    @Test
    void refreshRotatesAndTheOldTokenWorksForSixtySecondsOnly() {
        V4Sim.Grant grant = V4Sim.connect(2);

        JsonPath first = V4Sim.refresh(grant.refreshToken()).then().statusCode(200).extract().jsonPath();
        String rotated = first.getString("refresh_token");
        assertThat(rotated).isNotEqualTo(grant.refreshToken());
        assertThat(first.getString("access_token")).isNotEqualTo(grant.accessToken());
        assertThat(first.getInt("expires_in")).isEqualTo(3600);
        V4Sim.bearer(first.getString("access_token")).get(V4Sim.API + "/businesses").then().statusCode(200)
                .body("data.businessID", equalTo(grant.businessIds()));

        Sim.advanceClock(59);
        // within the grace period the old token answers again, with yet another pair
        JsonPath again = V4Sim.refresh(grant.refreshToken()).then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("refresh_token")).isNotIn(grant.refreshToken(), rotated);

        Sim.advanceClock(2);
        V4Sim.refresh(grant.refreshToken()).then().statusCode(400).body("error", equalTo("invalid_grant"));
        // the rotated token was never used: it is not affected
        V4Sim.refresh(rotated).then().statusCode(200);
        given().get("/simulator/control/v4/token-requests").then().statusCode(200)
                .body("findAll { it.userId == '" + grant.userId() + "' }.outcome",
                        hasItem("issued again within the grace period"));
    }

    @Test
    void withoutOfflineAccessThereIsNoRefreshToken() {
        JsonPath user = V4Sim.newUser(1);
        String scope = "supply::businesses.list supply::negotiations.read";
        String code = V4Sim.code(user.getString("userId"), user.getList("businesses.businessId"), scope, "urn:partner-api");
        JsonPath tokens = V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(200).extract().jsonPath();
        assertThat(tokens.getMap("$")).doesNotContainKey("refresh_token");
        assertThat(tokens.getString("scope")).isEqualTo(scope);
    }

    @Test
    void aTokenForAnotherAudienceIsIssuedButTheApiAnswers502ProxyOauthFailed() {
        JsonPath user = V4Sim.newUser(1);
        List<String> ids = user.getList("businesses.businessId");
        String page = given().queryParams(V4Sim.authorizeParams(V4Sim.ALL_SCOPES, "urn:something-else"))
                .get(V4Sim.AUTH + "/auth").then().statusCode(200).extract().asString();
        assertThat(page).contains("proxy_oauth_failed");

        String code = V4Sim.code(user.getString("userId"), ids, V4Sim.ALL_SCOPES, "urn:something-else");
        String access = V4Sim.exchange(code, V4Sim.VERIFIER).then().statusCode(200).extract().path("access_token");
        V4Sim.bearer(access).get(V4Sim.API + "/businesses").then().statusCode(502)
                .body("error", equalTo("proxy_oauth_failed"));
    }

    @Test
    void anInjectedStatusDoesNotActButALateAnswerDidSoTheRetryIsWithinTheGrace() {
        V4Sim.Grant grant = V4Sim.connect(1);
        given().queryParam("operation", "v4-token").queryParam("status", 503).post("/simulator/control/faults")
                .then().statusCode(200);
        V4Sim.refresh(grant.refreshToken()).then().statusCode(503);
        JsonPath first = V4Sim.refresh(grant.refreshToken()).then().statusCode(200).extract().jsonPath();

        given().queryParam("operation", "v4-token").queryParam("delayMs", 300).post("/simulator/control/faults")
                .then().statusCode(200);
        V4Sim.refresh(first.getString("refresh_token")).then().statusCode(200);
        // as if that late answer had been lost: the same token again, within the grace period
        V4Sim.refresh(first.getString("refresh_token")).then().statusCode(200);
        given().get("/simulator/control/v4/token-requests").then().statusCode(200)
                .body("findAll { it.userId == '" + grant.userId() + "' }.outcome", equalTo(List.of(
                        "issued again within the grace period", "issued", "issued", "issued")));
    }
}
