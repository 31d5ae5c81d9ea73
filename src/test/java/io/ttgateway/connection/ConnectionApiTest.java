package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConnectionApiTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    ConnectionService service;

    @Test
    void theManualFlowAnswers201WithTheConnectionAndNoToken() {
        String businessPk = Fixtures.newId();
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        String refresh = ThumbtackStubs.token("refresh");
        ThumbtackStubs.connectable(code, businessPk, "cleaner business", access, refresh);

        String body = partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/connections/" + businessPk))
                .body("businessId", equalTo(businessPk))
                .body("businessName", equalTo("cleaner business"))
                .body("scopes", hasItem("messages"))
                .body("status", equalTo("CONNECTED"))
                .body("accessTokenExpiresAt", notNullValue())
                .body("connectedAt", notNullValue())
                .extract().asString();

        assertThat(body).doesNotContain(access).doesNotContain(refresh).doesNotContain(code);
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("grant_type", WireMock.equalTo("authorization_code"))
                .withQueryParam("code", WireMock.equalTo(code))
                .withQueryParam("token_type", WireMock.equalTo("AUTH_CODE"))
                .withHeader("Authorization", WireMock.equalTo(ThumbtackWireMock.clientBasicAuth())));
        partner().get("/api/v1/connections").then().statusCode(200).body("businessId", hasItem(businessPk));
        String one = partner().get("/api/v1/connections/" + businessPk).then().statusCode(200)
                .body("status", equalTo("CONNECTED")).extract().asString();
        assertThat(one).doesNotContain(access).doesNotContain(refresh);
    }

    @Test
    void aMissingCodeIs400NamingTheField() {
        partner().body("{}").post("/api/v1/connections").then().statusCode(400)
                .body("details[0].field", equalTo("code"));
        partner().body("{\"code\":\"  \"}").post("/api/v1/connections").then().statusCode(400)
                .body("details[0].field", equalTo("code"));
        partner().body("{\"code\":").post("/api/v1/connections").then().statusCode(400);
        partner().post("/api/v1/connections").then().statusCode(400).body("details[0].field", equalTo("code"));
        assertThat(thumbtack.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRejectedCodeIs502WithThumbtacksMessageAndIsNotRetried() {
        String code = ThumbtackStubs.token("code");
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code)
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Auth code expired\"}")));

        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(502)
                .body("error", containsString("Auth code expired"));
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
    }

    @Test
    void a503IsRetriedAndThenTheConnectionIsMade() {
        String businessPk = Fixtures.newId();
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        ThumbtackStubs.connectable(code, businessPk, "Retried", access, ThumbtackStubs.token("refresh"));
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code).inScenario("503").whenScenarioStateIs(STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("up").atPriority(1));

        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(201)
                .body("businessId", equalTo(businessPk));
        thumbtack.verify(2, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("code", WireMock.equalTo(code)));
    }

    @Test
    void aThumbtackTimeoutIs504() {
        String code = ThumbtackStubs.token("code");
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code).willReturn(WireMock.aResponse().withFixedDelay(1500)));

        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(504)
                .body("error", containsString("did not answer in time"));
    }

    @Test
    void anUnknownConnectionIs404() {
        partner().get("/api/v1/connections/" + Fixtures.newId()).then().statusCode(404)
                .body("error", containsString("no connection"));
        partner().post("/api/v1/connections/" + Fixtures.newId() + "/refresh").then().statusCode(404);
        partner().delete("/api/v1/connections/" + Fixtures.newId()).then().statusCode(404);
    }

    @Test
    void refreshNowStoresTheNewPair() {
        TestConnections.Connected c = TestConnections.connect();
        String newAccess = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 7200))));
        db.rows("update connection set access_token_expires_at = now() + interval '50 minutes' where business_pk = $1",
                c.businessPk());

        partner().post("/api/v1/connections/" + c.businessPk() + "/refresh").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));

        Row row = db.one("select access_token_expires_at > now() + interval '119 minutes' from connection"
                + " where business_pk = $1", c.businessPk());
        assertThat(row.getBoolean(0)).isTrue();
        AccessToken token = OnVertx.await(() -> service.accessTokenFor(c.businessPk()));
        assertThat(((AccessToken.Bearer) token).token()).isEqualTo(newAccess);
    }

    @Test
    void aRejectedRefreshIs502AndTheConnectionNeedsReauth() {
        TestConnections.Connected c = TestConnections.connect();
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"invalid refresh token\"}")));

        partner().post("/api/v1/connections/" + c.businessPk() + "/refresh").then().statusCode(502)
                .body("error", containsString("invalid refresh token"));
        partner().get("/api/v1/connections/" + c.businessPk()).then().body("status", equalTo("NEEDS_REAUTH"));
        AccessToken token = OnVertx.await(() -> service.accessTokenFor(c.businessPk()));
        assertThat(token).isInstanceOf(AccessToken.NotConnected.class);

        // Tokens are kept: once Thumbtack takes the refresh token again, a manual refresh recovers it.
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).atPriority(1)
                .willReturn(json(200, ThumbtackStubs.tokenJson("again", ThumbtackStubs.token("refresh"), 3600))));
        partner().post("/api/v1/connections/" + c.businessPk() + "/refresh").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
        assertThat(db.rows("select type from event where business_id = $1 order by id", c.businessPk()))
                .extracting(r -> r.getString(0))
                .containsExactly("connection.connected", "connection.needs_reauth", "connection.connected");
    }

    @Test
    void disconnectTellsThumbtackErasesTheTokensAndEmitsAnEvent() {
        TestConnections.Connected c = TestConnections.connect();
        thumbtack.stubFor(ThumbtackStubs.disconnectOf(c.businessPk())
                .willReturn(json(200, "{\"business_pk\":\"" + c.businessPk() + "\",\"client_id\":\"x\"}")));

        partner().delete("/api/v1/connections/" + c.businessPk()).then().statusCode(204);

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.DISCONNECT_PATH))
                .withQueryParam("business_pk", WireMock.equalTo(c.businessPk()))
                .withHeader("Authorization", WireMock.equalTo(ThumbtackWireMock.clientBasicAuth())));
        Row row = db.one("select status, access_token_ciphertext, access_token_nonce, access_token_key_id,"
                + " refresh_token_ciphertext, refresh_token_nonce, refresh_token_key_id from connection"
                + " where business_pk = $1", c.businessPk());
        assertThat(row.getString("status")).isEqualTo("DISCONNECTED");
        for (int column = 1; column <= 6; column++) {
            assertThat(row.getValue(column)).as("column %d", column).isNull();
        }
        assertThat(db.count("select count(*) from event where business_id = $1 and type = 'connection.disconnected'",
                c.businessPk())).isEqualTo(1);
        partner().get("/api/v1/connections/" + c.businessPk()).then().body("status", equalTo("DISCONNECTED"));

        partner().delete("/api/v1/connections/" + c.businessPk()).then().statusCode(204);
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.DISCONNECT_PATH)));
        partner().post("/api/v1/connections/" + c.businessPk() + "/refresh").then().statusCode(409);
        assertThat(OnVertx.await(() -> service.accessTokenFor(c.businessPk())))
                .isInstanceOf(AccessToken.NotConnected.class);
    }

    @Test
    void aFailedDisconnectIs502AndChangesNothing() {
        TestConnections.Connected c = TestConnections.connect();
        thumbtack.stubFor(ThumbtackStubs.disconnectOf(c.businessPk()).willReturn(json(500, "{}")));

        partner().delete("/api/v1/connections/" + c.businessPk()).then().statusCode(502);

        partner().get("/api/v1/connections/" + c.businessPk()).then().body("status", equalTo("CONNECTED"));
        AccessToken token = OnVertx.await(() -> service.accessTokenFor(c.businessPk()));
        assertThat(((AccessToken.Bearer) token).token()).isEqualTo(c.accessToken());
    }

    @Test
    void onlyThePartnerMayUseTheConnectionsApi() {
        given().get("/api/v1/connections").then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic"));
        given().auth().preemptive().basic("partner", "wrong").get("/api/v1/connections").then().statusCode(401);
        thumbtack().get("/api/v1/connections").then().statusCode(403);
        thumbtack().body("{\"code\":\"x\"}").post("/api/v1/connections").then().statusCode(403);
        assertThat(thumbtack.getAllServeEvents()).isEmpty();
    }
}
