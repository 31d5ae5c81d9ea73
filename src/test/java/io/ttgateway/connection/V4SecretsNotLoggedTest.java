package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.connection.V4Stubs.Business;
import io.ttgateway.support.CapturedLog;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The v4 paths that handle a state, a code, a PKCE verifier, a token pair or webhook credentials, with
 * this service's loggers and the REST client's at DEBUG: none of them reaches the log, also when
 * Thumbtack echoes them in an error.
 */
@QuarkusTest
class V4SecretsNotLoggedTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @AfterEach
    void noGrantLeftDue() {
        V4Stubs.leaveNothingDue(db);
    }

    @Test
    void noStateCodeVerifierTokenOrWebhookCredentialReachesTheLog() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ThumbtackWireMock.V4_CLIENT_SECRET,
                ThumbtackWireMock.v4ClientBasicAuth().substring("Basic ".length())));
        try (CapturedLog log = CapturedLog.start("io.ttgateway", "org.jboss.resteasy.reactive.client",
                "io.quarkus.rest.client", "io.smallrye.faulttolerance")) {
            Business ok = V4Stubs.business("Logged One");
            Business failing = V4Stubs.business("Logged Two");
            String code = V4Stubs.token("code");
            String access = V4Stubs.token("access");
            String refresh = V4Stubs.token("refresh");
            V4Stubs.connectable(code, access, refresh, ok, failing);
            // A create refused with an error that echoes the credentials it was sent.
            thumbtack.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    urlPathEqualTo(V4Stubs.webhooksPath(failing.id()))).willReturn(json(400,
                    "{\"title\":\"Bad Request\",\"detail\":\"bad auth {{jsonPath request.body '$.auth.password'}}\"}")));
            String state = V4Stubs.connectState();
            secrets.addAll(List.of(state, code, access, refresh));
            V4Stubs.callback(code, state).then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db.rows(
                    "select 1 from v4_webhook where business_id = any($1) and state in ('REGISTERED', 'FAILED')",
                    (Object) new String[] {ok.id(), failing.id()}).size() == 2);
            LoggedRequest tokenRequest = thumbtack.findAll(postRequestedFor(urlPathEqualTo(V4Stubs.TOKEN_PATH))).get(0);
            secrets.add(tokenRequest.formParameters().get("code_verifier").firstValue());
            for (Business business : List.of(ok, failing)) {
                JsonNode auth = Fixtures.JSON.readTree(thumbtack.findAll(postRequestedFor(
                        urlPathEqualTo(V4Stubs.webhooksPath(business.id())))).get(0).getBodyAsString()).get("auth");
                secrets.add(auth.get("username").asText());
                secrets.add(auth.get("password").asText());
            }

            // A refresh that works, then one refused with an error echoing the refresh token.
            long grantId = db.one("select grant_id from connection where business_pk = $1", ok.id()).getLong(0);
            String access2 = V4Stubs.token("access");
            String refresh2 = V4Stubs.token("refresh");
            secrets.addAll(List.of(access2, refresh2));
            thumbtack.stubFor(V4Stubs.refreshWith(refresh).willReturn(json(200, V4Stubs.tokens(access2, refresh2, 3600))));
            thumbtack.stubFor(V4Stubs.refreshWith(refresh2).willReturn(json(400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token " + refresh2 + " revoked\"}")));
            for (int i = 0; i < 2; i++) {
                db.rows("update oauth_grant set access_token_expires_at = now() + interval '1 minute',"
                        + " next_refresh_attempt_at = null where id = $1", grantId);
                OnVertx.await(() -> job.run());
            }
            assertThat(db.one("select status from oauth_grant where id = $1", grantId).getString(0))
                    .isEqualTo("NEEDS_REAUTH");

            String text = log.text();
            assertThat(text).contains("refreshed the v4 grant").contains("webhook registration of business");
            for (String secret : secrets) {
                assertThat(text).as("log must not contain a secret").doesNotContain(secret);
            }
            assertThat(db.count("select count(*) from event where data::text like any($1)",
                    (Object) secrets.stream().map(s -> "%" + s + "%").toArray(String[]::new))).isZero();
            assertThat(db.count("select count(*) from v4_webhook where last_error like any($1)",
                    (Object) secrets.stream().map(s -> "%" + s + "%").toArray(String[]::new))).isZero();
        }
    }
}
