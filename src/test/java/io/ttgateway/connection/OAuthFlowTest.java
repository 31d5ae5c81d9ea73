package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.sql.PreparedStatement;
import java.time.Instant;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OAuthFlowTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    OAuthStates states;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "gateway.db.schema")
    String schema;

    @Test
    void connectRedirectsToPartnerConnectWithEveryParameterAndASignedStateAndStoresNothing() {
        long rowsBefore = db.count("select count(*) from oauth_state");
        Response response = given().redirects().follow(false).get("/oauth/connect");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        String location = response.header("Location");
        assertThat(location).startsWith(ThumbtackWireMock.CONNECT_URL + "?");
        assertThat(location).contains("client_id=test%20client%20id");
        Map<String, String> query = query(location);
        assertThat(query.keySet()).containsExactly("client_id", "redirect_uri", "response_type", "scope", "state");
        assertThat(query.get("client_id")).isEqualTo(ThumbtackWireMock.CLIENT_ID);
        assertThat(query.get("redirect_uri")).isEqualTo(ThumbtackWireMock.REDIRECT_URI);
        assertThat(query.get("response_type")).isEqualTo("code");
        assertThat(query.get("scope")).isEqualTo("messages");
        String state = query.get("state");
        assertThat(state).matches("[A-Za-z0-9_-]{80,}");

        OAuthStates.Verified verified = states.verify(state, Instant.now()).orElseThrow();
        assertThat(verified.scopes()).containsExactly("messages");
        assertThat(Duration.between(Instant.now(), verified.expiresAt()))
                .isBetween(Duration.ofMinutes(10).minusSeconds(5), Duration.ofMinutes(10));
        assertThat(db.count("select count(*) from oauth_state")).isEqualTo(rowsBefore);
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void connectTakesScopesAndEveryStateIsNew() {
        String first = query(connectLocation("messages,targeting")).get("state");
        Map<String, String> second = query(connectLocation("messages,targeting"));

        assertThat(second.get("scope")).isEqualTo("messages targeting");
        assertThat(second.get("state")).isNotEqualTo(first);
        assertThat(states.verify(first, Instant.now()).orElseThrow().scopes()).containsExactly("messages", "targeting");
    }

    @Test
    void aMalformedScopeIsA400Page() {
        given().redirects().follow(false).queryParam("scope", "messages,<b>").get("/oauth/connect")
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Invalid scope"));
    }

    @Test
    void callbackExchangesTheCodeReadsTheBusinessAndStoresTheConnection() {
        String state = query(connectLocation("messages,targeting")).get("state");
        String businessPk = Fixtures.newId();
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        String refresh = ThumbtackStubs.token("refresh");
        ThumbtackStubs.connectable(code, businessPk, "Tom & Jerry's <Cleaning>", access, refresh,
                "messages", "targeting");

        String page = given().queryParam("code", code).queryParam("state", state).queryParam("scope", "messages")
                .get("/oauth/callback")
                .then().statusCode(200).contentType(containsString("text/html"))
                .header("Referrer-Policy", "no-referrer")
                .extract().asString();

        assertThat(page).contains("Tom &amp; Jerry&#39;s &lt;Cleaning&gt;").doesNotContain("<Cleaning>")
                .contains(businessPk).doesNotContain(access).doesNotContain(refresh).doesNotContain(code);
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withHeader("Authorization", equalTo(ThumbtackWireMock.clientBasicAuth())));
        LoggedRequest tokenRequest = thumbtack.findAll(postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))).get(0);
        assertThat(query(tokenRequest.getAbsoluteUrl())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", ThumbtackWireMock.REDIRECT_URI,
                "token_type", "AUTH_CODE"));
        thumbtack.verify(1, getRequestedFor(urlPathEqualTo(ThumbtackStubs.INFO_PATH))
                .withHeader("Authorization", equalTo("Bearer " + access)));

        Row row = db.one("select * from connection where business_pk = $1", businessPk);
        assertThat(row.getString("status")).isEqualTo("CONNECTED");
        assertThat(row.getString("business_name")).isEqualTo("Tom & Jerry's <Cleaning>");
        assertThat(row.getString("scopes")).isEqualTo("messages,targeting");
        assertThat(Duration.between(row.getOffsetDateTime("connected_at"), row.getOffsetDateTime("access_token_expires_at")))
                .isBetween(Duration.ofSeconds(3595), Duration.ofSeconds(3605));
        assertThat(Duration.between(row.getOffsetDateTime("connected_at"), row.getOffsetDateTime("refresh_token_expires_at")))
                .isBetween(Duration.ofHours(720).minusSeconds(5), Duration.ofHours(720).plusSeconds(5));
        Row event = db.one("select type, data::text from event where business_id = $1", businessPk);
        assertThat(event.getString(0)).isEqualTo("connection.connected");
        assertThat(event.getString(1)).contains("\"reconnected\": false").doesNotContain(access).doesNotContain(refresh);
        assertThat(db.one("select used_at from oauth_state where state_hash = $1", nonceHash(state))
                .getValue(0)).isNotNull();
    }

    @Test
    void reconnectingUpdatesTheOneRowOfTheBusiness() {
        String businessPk = Fixtures.newId();
        callbackConnects(businessPk, "First Name", ThumbtackStubs.token("access"));
        String secondAccess = ThumbtackStubs.token("access");
        callbackConnects(businessPk, "Second Name", secondAccess);

        assertThat(db.count("select count(*) from connection where business_pk = $1", businessPk)).isEqualTo(1);
        assertThat(db.one("select business_name from connection where business_pk = $1", businessPk).getString(0))
                .isEqualTo("Second Name");
        List<Row> events = db.rows("select data->>'reconnected' from event where business_id = $1 order by id", businessPk);
        assertThat(events).extracting(r -> r.getString(0)).containsExactly("false", "true");
    }

    @Test
    void aMissingStateIsRefusedWithoutCallingThumbtack() {
        given().queryParam("code", "some-code").get("/oauth/callback")
                .then().statusCode(400).contentType(containsString("text/html"));
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownStateIsRefusedWithoutCallingThumbtack() {
        given().queryParam("code", "some-code").queryParam("state", "never-issued-state-value-0123456789abcdef")
                .get("/oauth/callback")
                .then().statusCode(400).body(containsString("unknown, has expired"));
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExpiredStateIsRefusedWithoutCallingThumbtack() {
        String state = states.issue(List.of("messages"), Instant.now().minus(OAuthStates.LIFETIME).minusSeconds(1));

        given().queryParam("code", "some-code").queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400).body(containsString("expired"));
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aReusedStateIsRefusedWithoutCallingThumbtackAgain() {
        String state = callbackConnects(Fixtures.newId(), "Reused", ThumbtackStubs.token("access"));
        int callsBefore = thumbtack.getAllServeEvents().size();

        given().queryParam("code", "another-code").queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400).body(containsString("already used"));
        assertThat(thumbtack.getAllServeEvents()).hasSize(callsBefore);
    }

    /** Each way of changing a valid state: a flipped character anywhere, cut short, grown, other scopes. */
    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("a character of the nonce", (UnaryOperator<String>) s -> flip(s, 3)),
                Arguments.of("a character of the expiry", (UnaryOperator<String>) s -> flip(s, 25)),
                Arguments.of("a character of the scopes", (UnaryOperator<String>) s -> flip(s, 36)),
                Arguments.of("a character of the signature", (UnaryOperator<String>) s -> flip(s, s.length() - 2)),
                Arguments.of("the signature cut off", (UnaryOperator<String>) s -> s.substring(0, s.length() - 43)),
                Arguments.of("a byte added", (UnaryOperator<String>) s -> s + "AA"),
                Arguments.of("not base64url", (UnaryOperator<String>) s -> s.substring(0, 5) + "+" + s.substring(6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void aTamperedStateIsRefusedWithoutCallingThumbtackOrWritingARow(String how, UnaryOperator<String> tamper) {
        String state = states.issue(List.of("messages", "targeting"));
        long rowsBefore = db.count("select count(*) from oauth_state");

        given().queryParam("code", "some-code").queryParam("state", tamper.apply(state)).get("/oauth/callback")
                .then().statusCode(400).body(containsString("unknown, has expired"));

        thumbtack.verify(0, anyRequestedFor(anyUrl()));
        assertThat(db.count("select count(*) from oauth_state")).isEqualTo(rowsBefore);
    }

    @Test
    void aStateSignedWithAnotherKeyIsRefused() {
        String foreign = new OAuthStates(null, "c29tZS1vdGhlci1rZXktb2YtYW5vdGhlci1zZXJ2aWNlIQ==").issue(List.of("messages"));

        given().queryParam("code", "some-code").queryParam("state", foreign).get("/oauth/callback")
                .then().statusCode(400);
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    /**
     * Another replica is in the middle of using the same state (its insert not committed yet): this
     * callback waits for it, and as the other one commits, refuses without calling Thumbtack.
     */
    @Test
    void aCallbackWaitsForAnotherReplicaUsingTheSameStateAndThenRefuses() throws Exception {
        String state = states.issue(List.of("messages"));
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setSchema(schema);
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into oauth_state"
                    + " (state_hash, scopes, created_at, expires_at, used_at)"
                    + " values (?, 'messages', now(), now() + interval '10 minutes', now())")) {
                insert.setString(1, nonceHash(state));
                insert.executeUpdate();
            }
            CompletableFuture<Integer> callback = CompletableFuture.supplyAsync(() -> given()
                    .queryParam("code", "raced-code").queryParam("state", state).get("/oauth/callback").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from pg_stat_activity"
                    + " where wait_event_type = 'Lock' and query like 'insert into oauth_state%'") >= 1);
            assertThat(callback).isNotDone();
            other.commit();

            assertThat(callback.get(20, TimeUnit.SECONDS)).isEqualTo(400);
        }
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    /** ... and when the other replica's transaction rolls back, this callback goes ahead, once. */
    @Test
    void aCallbackWaitingForAnotherReplicaThatRollsBackGoesAhead() throws Exception {
        String state = states.issue(List.of("messages"));
        String code = ThumbtackStubs.token("code");
        String businessPk = Fixtures.newId();
        ThumbtackStubs.connectable(code, businessPk, "Rolled Back", ThumbtackStubs.token("access"),
                ThumbtackStubs.token("refresh"));
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setSchema(schema);
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into oauth_state"
                    + " (state_hash, scopes, created_at, expires_at, used_at)"
                    + " values (?, 'messages', now(), now() + interval '10 minutes', now())")) {
                insert.setString(1, nonceHash(state));
                insert.executeUpdate();
            }
            CompletableFuture<Integer> callback = CompletableFuture.supplyAsync(() -> given()
                    .queryParam("code", code).queryParam("state", state).get("/oauth/callback").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from pg_stat_activity"
                    + " where wait_event_type = 'Lock' and query like 'insert into oauth_state%'") >= 1);
            other.rollback();

            assertThat(callback.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
        given().queryParam("code", code).queryParam("state", state).get("/oauth/callback").then().statusCode(400);
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
    }

    /** A state the previous version stored (issued just before an upgrade) still works, once. */
    @Test
    void aStateStoredByThePreviousVersionIsStillAcceptedOnce() {
        String legacy = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.UUID.randomUUID().toString().replace("-", "").getBytes(StandardCharsets.UTF_8));
        assertThat(legacy).matches("[A-Za-z0-9_-]{43}");
        db.rows("insert into oauth_state (state_hash, scopes, created_at, expires_at) values ($1, 'messages', now(),"
                + " now() + interval '10 minutes')", OAuthStates.hash(legacy));
        String code = ThumbtackStubs.token("code");
        String businessPk = Fixtures.newId();
        ThumbtackStubs.connectable(code, businessPk, "Legacy", ThumbtackStubs.token("access"),
                ThumbtackStubs.token("refresh"));

        given().queryParam("code", code).queryParam("state", legacy).get("/oauth/callback").then().statusCode(200);
        given().queryParam("code", code).queryParam("state", legacy).get("/oauth/callback").then().statusCode(400);
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
    }

    private String nonceHash(String state) {
        return OAuthStates.nonceHash(states.verify(state, Instant.now()).orElseThrow().nonce());
    }

    private static String flip(String state, int index) {
        char c = state.charAt(index);
        return state.substring(0, index) + (c == 'B' ? 'C' : 'B') + state.substring(index + 1);
    }

    @Test
    void aMissingCodeIsRefusedWithoutCallingThumbtack() {
        String state = query(connectLocation(null)).get("state");
        given().queryParam("state", state).get("/oauth/callback").then().statusCode(400);
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anErrorFromThumbtackIsShownEscapedAndUsesTheStateUp() {
        String state = query(connectLocation(null)).get("state");

        given().queryParam("error", "access_denied").queryParam("error_description", "<pro said no>")
                .queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400).body(containsString("access_denied"))
                .body(containsString("&lt;pro said no&gt;")).body(not(containsString("<pro said no>")));
        given().queryParam("code", "late-code").queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400);
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedCodeIsA502PageSayingWhatToDo() {
        String state = query(connectLocation(null)).get("state");
        String code = ThumbtackStubs.token("code");
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code).willReturn(json(400, "{\"error\":\"invalid_grant\"}")));

        given().queryParam("code", code).queryParam("state", state).get("/oauth/callback")
                .then().statusCode(502).contentType(containsString("text/html"))
                .body(containsString("invalid_grant")).body(containsString("/oauth/connect"))
                .body(not(containsString(code)));
        thumbtack.verify(0, getRequestedFor(urlPathEqualTo(ThumbtackStubs.INFO_PATH)));
    }

    @Test
    void aThumbtackTimeoutIsA504Page() {
        String state = query(connectLocation(null)).get("state");
        String code = ThumbtackStubs.token("code");
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code).willReturn(aResponse().withFixedDelay(1500)
                .withStatus(200).withBody("{}")));

        given().queryParam("code", code).queryParam("state", state).get("/oauth/callback")
                .then().statusCode(504).body(containsString("did not answer"));
    }

    @Test
    void aFailingInfoCallIsA502PageAndNothingIsStored() {
        String state = query(connectLocation(null)).get("state");
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code)
                .willReturn(json(200, ThumbtackStubs.tokenJson(access, ThumbtackStubs.token("refresh"), 3600))));
        thumbtack.stubFor(ThumbtackStubs.infoFor(access).willReturn(json(401, "{\"error\":\"Invalid auth header\"}")));

        given().queryParam("code", code).queryParam("state", state).get("/oauth/callback")
                .then().statusCode(502).body(containsString("Invalid auth header"));
    }

    /** Runs /oauth/connect and a successful callback; answers the state used. */
    private String callbackConnects(String businessPk, String name, String access) {
        String state = query(connectLocation(null)).get("state");
        String code = ThumbtackStubs.token("code");
        ThumbtackStubs.connectable(code, businessPk, name, access, ThumbtackStubs.token("refresh"));
        given().queryParam("code", code).queryParam("state", state).get("/oauth/callback")
                .then().statusCode(200).body(containsString(businessPk));
        return state;
    }

    private static String connectLocation(String scope) {
        var request = given().redirects().follow(false);
        if (scope != null) {
            request.queryParam("scope", scope);
        }
        Response response = request.get("/oauth/connect");
        assertThat(response.statusCode()).isEqualTo(302);
        return response.header("Location");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
