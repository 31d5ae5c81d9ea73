package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.config.ThumbtackV4Config;
import io.ttgateway.connection.V4Stubs.Business;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The v4 browser flow, grants, migration from legacy, webhook registration and v4 disconnect, against WireMock. */
@QuarkusTest
class V4ConnectTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    TokenCipher cipher;

    @Inject
    OAuthStates states;

    @Inject
    ThumbtackV4Config v4;

    @Inject
    WebhookRetryJob retryJob;

    @AfterEach
    void noGrantLeftDue() {
        V4Stubs.leaveNothingDue(db);
    }

    @Test
    void connectRedirectsWithEveryParameterAndTheS256ChallengeOfTheVerifierSentAtTheTokenStep() {
        io.restassured.response.Response response = given().redirects().follow(false).get("/oauth/v4/connect");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        String location = response.header("Location");
        assertThat(location).startsWith(thumbtack.baseUrl() + "/oauth2/auth?");
        Map<String, String> query = V4Stubs.query(location);
        assertThat(query.keySet()).containsExactly("client_id", "redirect_uri", "response_type", "scope", "state",
                "audience", "code_challenge", "code_challenge_method");
        assertThat(query.get("client_id")).isEqualTo(ThumbtackWireMock.V4_CLIENT_ID);
        assertThat(query.get("redirect_uri")).isEqualTo(ThumbtackWireMock.V4_REDIRECT_URI);
        assertThat(query.get("response_type")).isEqualTo("code");
        assertThat(query.get("scope")).isEqualTo(String.join(" ", v4.scopeList())).contains("offline_access ");
        assertThat(query.get("audience")).isEqualTo("urn:partner-api");
        assertThat(query.get("code_challenge_method")).isEqualTo("S256");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(states.verify(query.get("state"), Instant.now())).isPresent();
        assertNoOAuthCall();

        Business business = V4Stubs.business("PKCE Plumbing");
        String code = V4Stubs.token("code");
        V4Stubs.connectable(code, V4Stubs.token("access"), V4Stubs.token("refresh"), business);
        V4Stubs.callback(code, query.get("state")).then().statusCode(200);

        LoggedRequest tokenRequest = thumbtack.findAll(postRequestedFor(urlPathEqualTo(V4Stubs.TOKEN_PATH))).get(0);
        String verifier = tokenRequest.formParameters().get("code_verifier").firstValue();
        assertThat(verifier).matches("[A-Za-z0-9_-]{43,128}");
        assertThat(OAuthV4Flow.challenge(verifier)).isEqualTo(query.get("code_challenge"));
        assertThat(tokenRequest.getHeader("Authorization")).isEqualTo(ThumbtackWireMock.v4ClientBasicAuth());
        assertThat(tokenRequest.formParameters().get("redirect_uri").firstValue())
                .isEqualTo(ThumbtackWireMock.V4_REDIRECT_URI);
    }

    @Test
    void aCallbackWithTwoBusinessesMakesTwoV4ConnectionsSharingOneGrantWithItsTokensSealed() {
        Business first = V4Stubs.business("Tom & Jerry's <Cleaning>");
        Business second = V4Stubs.business("Second Shop");
        String code = V4Stubs.token("code");
        String access = V4Stubs.token("access");
        String refresh = V4Stubs.token("refresh");

        String page = V4Stubs.connect(code, access, refresh, first, second);

        assertThat(page).contains("Tom &amp; Jerry&#39;s &lt;Cleaning&gt;").contains("Second Shop")
                .contains(first.id()).contains(second.id()).doesNotContain(access).doesNotContain(refresh)
                .doesNotContain(code).contains("being registered");
        List<Row> rows = db.rows("select business_pk, api_version, grant_id, status, access_token_ciphertext"
                + " from connection where business_pk = any($1) order by business_pk",
                (Object) new String[] {first.id(), second.id()});
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getString("api_version")).isEqualTo("v4");
            assertThat(row.getString("status")).isEqualTo("CONNECTED");
            assertThat(row.getValue("access_token_ciphertext")).isNull();
        });
        long grantId = rows.get(0).getLong("grant_id");
        assertThat(rows.get(1).getLong("grant_id")).isEqualTo(grantId);

        Row grant = db.one("select * from oauth_grant where id = $1", grantId);
        String wholeRow = db.one("select row_to_json(g)::text from oauth_grant g where id = $1", grantId).getString(0);
        for (String token : List.of(access, refresh)) {
            assertThat(wholeRow).doesNotContain(token)
                    .doesNotContain(Base64.getEncoder().encodeToString(token.getBytes()));
        }
        assertThat(grant.getString("status")).isEqualTo("ACTIVE");
        assertThat(grant.getString("access_token_key_id")).isEqualTo(cipher.currentKeyId());
        SealedValue sealed = new SealedValue(grant.getBuffer("refresh_token_ciphertext").getBytes(),
                grant.getBuffer("refresh_token_nonce").getBytes(), grant.getString("refresh_token_key_id"));
        assertThat(cipher.open(sealed, OAuthGrant.context(grantId, "refresh_token"))).isEqualTo(refresh);

        for (Business business : List.of(first, second)) {
            assertThat(db.count("select count(*) from event where type = 'connection.connected' and business_id = $1",
                    business.id())).isEqualTo(1);
            awaitWebhookState(business.id(), "REGISTERED");
            JsonNode view = view(business.id());
            assertThat(view.get("apiVersion").asText()).isEqualTo("v4");
            assertThat(view.get("webhook").get("status").asText()).isEqualTo("REGISTERED");
            assertThat(Instant.parse(view.get("accessTokenExpiresAt").asText()))
                    .isEqualTo(grant.getOffsetDateTime("access_token_expires_at").toInstant());
            assertThat(view.toString()).doesNotContain(access).doesNotContain(refresh);
        }
        assertThat(db.count("select count(*) from event where data::text like $1", "%" + access + "%")).isZero();
        // The created webhook got the service's URL, the three event types and credentials that match the row.
        for (Business business : List.of(first, second)) {
            LoggedRequest create = thumbtack.findAll(postRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(business.id()))))
                    .get(0);
            JsonNode body = readJson(create.getBodyAsString());
            assertThat(body.get("webhookURL").asText()).isEqualTo(V4Stubs.WEBHOOK_URL);
            assertThat(body.get("eventTypes").toString())
                    .isEqualTo("[\"NegotiationCreatedV4\",\"MessageCreatedV4\",\"ReviewCreatedV4\"]");
            assertCredentialsMatchRow(business.id(), body.get("auth"));
        }
        assertThat(db.rows("select username_hash from v4_webhook where business_id = any($1)",
                (Object) new String[] {first.id(), second.id()}).stream()
                .map(row -> Base64.getEncoder().encodeToString(row.getBuffer(0).getBytes())).distinct()).hasSize(2);
    }

    static Stream<Arguments> badStates() {
        return Stream.of(Arguments.of("garbage", "not-a-state-at-all"), Arguments.of("expired", "expired"),
                Arguments.of("reused", "reused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStates")
    void aBadExpiredOrReusedStateIs400WithoutAnyCallToThumbtack(String kind, String which) {
        Business business = V4Stubs.business("State Check");
        String code = V4Stubs.token("code");
        V4Stubs.connectable(code, V4Stubs.token("access"), V4Stubs.token("refresh"), business);
        String state = switch (which) {
            case "expired" -> states.issue(v4.scopeList(), Instant.now().minus(Duration.ofMinutes(11)));
            case "reused" -> {
                String used = V4Stubs.connectState();
                V4Stubs.callback(code, used).then().statusCode(200);
                thumbtack.resetRequests();
                yield used;
            }
            default -> which;
        };

        V4Stubs.callback(code, state).then().statusCode(400).body(containsString("Invalid or expired"));

        assertNoOAuthCall();
    }

    @Test
    void aBusinessConnectedTheLegacyWayBecomesTheV4RowItsLegacyTokensDisconnectedAndErased() {
        TestConnections.Connected legacy = TestConnections.connect();
        thumbtack.stubFor(ThumbtackStubs.disconnectOf(legacy.businessPk()).willReturn(json(200, "{}")));
        Business business = new Business(legacy.businessPk(), "Moved Over");

        V4Stubs.connect(V4Stubs.token("code"), V4Stubs.token("access"), V4Stubs.token("refresh"), business);

        Row row = db.one("select api_version, grant_id, status, access_token_ciphertext, refresh_token_ciphertext"
                + " from connection where business_pk = $1", legacy.businessPk());
        assertThat(row.getString("api_version")).isEqualTo("v4");
        assertThat(row.getLong("grant_id")).isNotNull();
        assertThat(row.getValue("access_token_ciphertext")).isNull();
        assertThat(row.getValue("refresh_token_ciphertext")).isNull();
        Row migrated = db.one("select data from event where type = 'connection.migrated' and business_id = $1",
                legacy.businessPk());
        JsonNode data = readJson(migrated.getValue(0).toString());
        assertThat(data.get("businessId").asText()).isEqualTo(legacy.businessPk());
        assertThat(data.get("from").asText()).isEqualTo("legacy");
        assertThat(data.get("to").asText()).isEqualTo("v4");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.DISCONNECT_PATH))
                        .withQueryParam("business_pk", equalTo(legacy.businessPk()))
                        .withHeader("Authorization", equalTo(ThumbtackWireMock.clientBasicAuth()))));
    }

    @Test
    void aFailedLegacyDisconnectDoesNotBlockTheMigration() {
        TestConnections.Connected legacy = TestConnections.connect();
        thumbtack.stubFor(ThumbtackStubs.disconnectOf(legacy.businessPk()).willReturn(json(503, "{}")));

        V4Stubs.connect(V4Stubs.token("code"), V4Stubs.token("access"), V4Stubs.token("refresh"),
                new Business(legacy.businessPk(), "Still Moved"));

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                thumbtack.verify(postRequestedFor(urlPathEqualTo(ThumbtackStubs.DISCONNECT_PATH))
                        .withQueryParam("business_pk", equalTo(legacy.businessPk()))));
        Row row = db.one("select api_version, status, refresh_token_ciphertext from connection where business_pk = $1",
                legacy.businessPk());
        assertThat(row.getString("api_version")).isEqualTo("v4");
        assertThat(row.getString("status")).isEqualTo("CONNECTED");
        assertThat(row.getValue("refresh_token_ciphertext")).isNull();
        assertThat(db.count("select count(*) from event where type = 'connection.migrated' and business_id = $1",
                legacy.businessPk())).isEqualTo(1);
    }

    @Test
    void reconnectingKeepsOneRowPerBusinessMovesToTheNewGrantRevokesTheOldOneAndNeverCreatesASecondWebhook() {
        Business first = V4Stubs.business("Again One");
        Business second = V4Stubs.business("Again Two");
        V4Stubs.connect(V4Stubs.token("code"), V4Stubs.token("access"), V4Stubs.token("refresh"), first, second);
        awaitWebhookState(first.id(), "REGISTERED");
        awaitWebhookState(second.id(), "REGISTERED");
        long oldGrant = grantOf(first.id());

        // Thumbtack now lists the webhooks created the first time.
        String code = V4Stubs.token("code");
        String access = V4Stubs.token("access");
        thumbtack.stubFor(V4Stubs.codeExchange(code).willReturn(json(200, V4Stubs.tokens(access,
                V4Stubs.token("refresh"), 3600))));
        V4Stubs.businesses(access, first, second);
        for (Business business : List.of(first, second)) {
            V4Stubs.listedWebhooks(business.id(), "wh-" + business.id(), V4Stubs.WEBHOOK_URL,
                    "someone-else", "https://other.example/hook");
        }
        V4Stubs.callback(code, V4Stubs.connectState()).then().statusCode(200);
        for (Business business : List.of(first, second)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> thumbtack.verify(2,
                    com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                            urlPathEqualTo(V4Stubs.webhooksPath(business.id())))));
            awaitWebhookState(business.id(), "REGISTERED");
        }

        for (Business business : List.of(first, second)) {
            assertThat(db.count("select count(*) from connection where business_pk = $1", business.id())).isEqualTo(1);
            assertThat(grantOf(business.id())).isNotEqualTo(oldGrant);
            thumbtack.verify(1, postRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(business.id()))));
            thumbtack.verify(0, putRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(business.id())
                    + "/wh-" + business.id() + "/auth")));
            thumbtack.verify(0, deleteRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(business.id())
                    + "/someone-else")));
            assertThat(db.count("select count(*) from v4_webhook where business_id = $1", business.id())).isEqualTo(1);
        }
        Row old = db.one("select status, access_token_ciphertext, refresh_token_ciphertext from oauth_grant where id = $1",
                oldGrant);
        assertThat(old.getString("status")).isEqualTo("REVOKED");
        assertThat(old.getValue("access_token_ciphertext")).isNull();
        assertThat(old.getValue("refresh_token_ciphertext")).isNull();
    }

    @Test
    void aUserWithMoreBusinessesThanOnePageGetsOneConnectionPerBusiness() {
        Business[] businesses = Stream.generate(() -> V4Stubs.business("Paged")).limit(7).toArray(Business[]::new);
        String code = V4Stubs.token("code");
        String access = V4Stubs.token("access");
        V4Stubs.connectable(code, access, V4Stubs.token("refresh"), businesses);
        V4Stubs.businessPages(access, 3, businesses);

        V4Stubs.callback(code, V4Stubs.connectState()).then().statusCode(200);

        for (Business business : businesses) {
            assertThat(db.count("select count(*) from connection where business_pk = $1 and api_version = 'v4'"
                    + " and status = 'CONNECTED'", business.id())).isEqualTo(1);
        }
        assertThat(db.count("select count(distinct grant_id) from connection where business_pk = any($1)",
                (Object) V4Stubs.ids(businesses).toArray(new String[0]))).isEqualTo(1);
        thumbtack.verify(3, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v4/businesses")));
        for (Business business : businesses) {
            awaitWebhookState(business.id(), "REGISTERED");
        }
    }

    @Test
    void aWebhookOfOursWhoseCredentialsWeDoNotHoldGetsNewCredentialsInsteadOfASecondCreate() {
        Business business = V4Stubs.business("Lost Credentials");
        String code = V4Stubs.token("code");
        String access = V4Stubs.token("access");
        thumbtack.stubFor(V4Stubs.codeExchange(code).willReturn(json(200, V4Stubs.tokens(access,
                V4Stubs.token("refresh"), 3600))));
        V4Stubs.businesses(access, business);
        V4Stubs.listedWebhooks(business.id(), "wh-existing", V4Stubs.WEBHOOK_URL);
        V4Stubs.creatable(business.id(), "wh-second");
        V4Stubs.authUpdatable(business.id(), "wh-existing");

        V4Stubs.callback(code, V4Stubs.connectState()).then().statusCode(200);

        awaitWebhookState(business.id(), "REGISTERED");
        thumbtack.verify(0, postRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(business.id()))));
        List<LoggedRequest> puts = thumbtack.findAll(putRequestedFor(
                urlPathEqualTo(V4Stubs.webhooksPath(business.id()) + "/wh-existing/auth"))
                .withHeader("Authorization", equalTo("Bearer " + access)));
        assertThat(puts).hasSize(1);
        assertThat(db.one("select webhook_id from v4_webhook where business_id = $1", business.id()).getString(0))
                .isEqualTo("wh-existing");
        assertCredentialsMatchRow(business.id(), readJson(puts.get(0).getBodyAsString()));
    }

    @Test
    void aFailedRegistrationIsVisibleAsFailedThenTheRetryJobRegistersIt() throws Exception {
        Business business = V4Stubs.business("Flaky Webhooks");
        String code = V4Stubs.token("code");
        String access = V4Stubs.token("access");
        thumbtack.stubFor(V4Stubs.codeExchange(code).willReturn(json(200, V4Stubs.tokens(access,
                V4Stubs.token("refresh"), 3600))));
        V4Stubs.businesses(access, business);
        V4Stubs.listedWebhooks(business.id());
        thumbtack.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo(V4Stubs.webhooksPath(business.id())))
                .willReturn(json(400, "{\"title\":\"Bad Request\",\"detail\":\"webhookURL must be https\"}")));

        V4Stubs.callback(code, V4Stubs.connectState()).then().statusCode(200);

        awaitWebhookState(business.id(), "FAILED");
        JsonNode webhook = view(business.id()).get("webhook");
        assertThat(webhook.get("status").asText()).isEqualTo("FAILED");
        assertThat(webhook.get("reason").asText()).contains("creating the webhook").contains("must be https");
        Row failed = db.one("select attempts, next_attempt_at > now() + interval '20 seconds' from v4_webhook"
                + " where business_id = $1", business.id());
        assertThat(failed.getInteger(0)).isEqualTo(1);
        assertThat(failed.getBoolean(1)).isTrue();
        OnVertx.await(() -> retryJob.run());
        assertThat(db.one("select attempts from v4_webhook where business_id = $1", business.id()).getInteger(0))
                .as("not due yet: backing off").isEqualTo(1);

        thumbtack.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo(V4Stubs.webhooksPath(business.id()))).willReturn(json(201,
                "{\"webhookID\":\"wh-after-retry\",\"webhookURL\":\"" + V4Stubs.WEBHOOK_URL + "\"}")
                .withFixedDelay(300)));
        db.rows("update v4_webhook set next_attempt_at = now() where business_id = $1", business.id());
        thumbtack.resetRequests();
        // Two replicas' retry jobs at once: the row's lease lets one of them register it.
        Callable<Integer> replica = () -> OnVertx.await(() -> retryJob.run());
        assertThat(Concurrently.all(List.of(replica, replica)).stream().mapToInt(Integer::intValue).sum()).isPositive();
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(business.id()))));

        Row registered = db.one("select state, webhook_id, last_error, attempts from v4_webhook where business_id = $1",
                business.id());
        assertThat(registered.getString("state")).isEqualTo("REGISTERED");
        assertThat(registered.getString("webhook_id")).isEqualTo("wh-after-retry");
        assertThat(registered.getString("last_error")).isNull();
        assertThat(view(business.id()).get("webhook").get("status").asText()).isEqualTo("REGISTERED");
    }

    @Test
    void deletingOneOfTwoBusinessesKeepsTheGrantsTokensAndDeletingTheLastErasesThem() {
        Business first = V4Stubs.business("Delete One");
        Business second = V4Stubs.business("Delete Two");
        V4Stubs.connect(V4Stubs.token("code"), V4Stubs.token("access"), V4Stubs.token("refresh"), first, second);
        awaitWebhookState(first.id(), "REGISTERED");
        awaitWebhookState(second.id(), "REGISTERED");
        long grantId = grantOf(first.id());
        for (Business business : List.of(first, second)) {
            V4Stubs.listedWebhooks(business.id(), "wh-" + business.id(), V4Stubs.WEBHOOK_URL);
            V4Stubs.deletable(business.id(), "wh-" + business.id());
        }

        JsonNode firstAuth = readJson(thumbtack.findAll(postRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(first.id()))))
                .get(0).getBodyAsString()).get("auth");
        // Not tried before the delete: a login accepted then would be remembered for a few seconds.
        assertThat(db.one("select state from v4_webhook where business_id = $1", first.id()).getString(0))
                .isEqualTo("REGISTERED");

        partner().delete("/api/v1/connections/" + first.id()).then().statusCode(204);

        assertThat(webhookLoginStatus(firstAuth)).as("a deleted webhook's credentials stop working").isEqualTo(401);

        thumbtack.verify(1, deleteRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(first.id()) + "/wh-" + first.id())));
        assertThat(db.one("select state from v4_webhook where business_id = $1", first.id()).getString(0))
                .isEqualTo("DELETED");
        assertThat(view(first.id()).get("status").asText()).isEqualTo("DISCONNECTED");
        assertThat(db.count("select count(*) from event where type = 'connection.disconnected' and business_id = $1",
                first.id())).isEqualTo(1);
        Row kept = db.one("select status, access_token_ciphertext from oauth_grant where id = $1", grantId);
        assertThat(kept.getString("status")).isEqualTo("ACTIVE");
        assertThat(kept.getValue("access_token_ciphertext")).isNotNull();
        assertThat(view(second.id()).get("status").asText()).isEqualTo("CONNECTED");

        partner().delete("/api/v1/connections/" + second.id()).then().statusCode(204);

        thumbtack.verify(1, deleteRequestedFor(urlPathEqualTo(V4Stubs.webhooksPath(second.id()) + "/wh-" + second.id())));
        Row erased = db.one("select status, access_token_ciphertext, refresh_token_ciphertext from oauth_grant"
                + " where id = $1", grantId);
        assertThat(erased.getString("status")).isEqualTo("REVOKED");
        assertThat(erased.getValue("access_token_ciphertext")).isNull();
        assertThat(erased.getValue("refresh_token_ciphertext")).isNull();
        thumbtack.verify(0, postRequestedFor(urlPathEqualTo(ThumbtackStubs.DISCONNECT_PATH)));
    }

    @Test
    void aV4BusinessConnectedAgainTheLegacyWayIsLegacyAgainAndItsUnusedGrantIsErased() {
        Business business = V4Stubs.business("Back To Legacy");
        V4Stubs.connect(V4Stubs.token("code"), V4Stubs.token("access"), V4Stubs.token("refresh"), business);
        long grantId = grantOf(business.id());

        TestConnections.connect(business.id(), "Back To Legacy");

        Row row = db.one("select api_version, grant_id, refresh_token_ciphertext from connection where business_pk = $1",
                business.id());
        assertThat(row.getString("api_version")).isEqualTo("legacy");
        assertThat(row.getValue("grant_id")).isNull();
        assertThat(row.getValue("refresh_token_ciphertext")).isNotNull();
        Row grant = db.one("select status, refresh_token_ciphertext from oauth_grant where id = $1", grantId);
        assertThat(grant.getString("status")).isEqualTo("REVOKED");
        assertThat(grant.getValue("refresh_token_ciphertext")).isNull();
    }

    @Test
    void legacyConnectionsShowApiVersionLegacyAndNoWebhook() {
        TestConnections.Connected legacy = TestConnections.connect(Fixtures.newId(), "Still Legacy");
        JsonNode view = view(legacy.businessPk());
        assertThat(view.get("apiVersion").asText()).isEqualTo("legacy");
        assertThat(view.has("webhook")).isFalse();
    }

    /**
     * Neither the token endpoint nor the API was called for this flow (background work of an earlier
     * test, such as a legacy disconnect, may still reach WireMock: it is not counted).
     */
    private void assertNoOAuthCall() {
        thumbtack.verify(0, anyRequestedFor(urlPathMatching("/oauth2/.*|/api/v4/businesses")));
    }

    private void assertCredentialsMatchRow(String businessId, JsonNode auth) {
        String username = auth.get("username").asText();
        String password = auth.get("password").asText();
        assertThat(Base64.getUrlDecoder().decode(username)).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Base64.getUrlDecoder().decode(password)).hasSizeGreaterThanOrEqualTo(16);
        Row row = db.one("select * from v4_webhook where business_id = $1", businessId);
        assertThat(row.getBuffer("username_hash").getBytes()).isEqualTo(WebhookCredentials.usernameHash(username));
        SealedValue sealed = new SealedValue(row.getBuffer("password_ciphertext").getBytes(),
                row.getBuffer("password_nonce").getBytes(), row.getString("password_key_id"));
        assertThat(cipher.open(sealed, WebhookCredentials.passwordContext(businessId))).isEqualTo(password);
        assertThat(webhookLoginStatus(auth)).as("the credentials open /v4/webhooks (an empty envelope is then 400)")
                .isEqualTo(400);
        String wholeRow = db.one("select row_to_json(w)::text from v4_webhook w where business_id = $1", businessId)
                .getString(0);
        assertThat(wholeRow).doesNotContain(username).doesNotContain(password);
    }

    /** The answer of {@code POST /v4/webhooks} to an empty envelope sent with these webhook credentials. */
    private static int webhookLoginStatus(JsonNode auth) {
        return given().auth().preemptive().basic(auth.get("username").asText(), auth.get("password").asText())
                .contentType("application/json").body("{}").post("/v4/webhooks").statusCode();
    }

    private void awaitWebhookState(String businessId, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db.rows(
                "select 1 from v4_webhook where business_id = $1 and state = $2", businessId, state).size() == 1);
    }

    private long grantOf(String businessId) {
        return db.one("select grant_id from connection where business_pk = $1", businessId).getLong(0);
    }

    private static JsonNode view(String businessId) {
        return readJson(partner().get("/api/v1/connections/" + businessId).then().statusCode(200).extract().asString());
    }

    private static JsonNode readJson(String text) {
        try {
            return Fixtures.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
