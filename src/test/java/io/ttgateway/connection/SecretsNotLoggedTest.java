package io.ttgateway.connection;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.CapturedLog;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every path that handles a code, a token or the client secret (successes, refusals that echo
 * the secret back, 5xx, timeouts) with this service's loggers and the REST client's at DEBUG, and
 * greps everything logged for the secrets.
 */
@QuarkusTest
class SecretsNotLoggedTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @BeforeEach
    void reset() {
        db.rows("delete from connection");
    }

    @Test
    void noCodeTokenStateOrSecretReachesTheLog() {
        List<String> secrets = new ArrayList<>(List.of(ThumbtackWireMock.CLIENT_SECRET,
                ThumbtackWireMock.clientBasicAuth().substring("Basic ".length())));
        try (CapturedLog log = CapturedLog.start("io.ttgateway", "org.jboss.resteasy.reactive.client",
                "io.quarkus.rest.client", "io.smallrye.faulttolerance")) {
            // OAuth callback: state, code, token pair.
            URI location = URI.create(given().redirects().follow(false).get("/oauth/connect").header("Location"));
            String state = location.getRawQuery().replaceAll(".*state=", "");
            String code = ThumbtackStubs.token("code");
            String access = ThumbtackStubs.token("access");
            String refresh = ThumbtackStubs.token("refresh");
            secrets.addAll(List.of(state, code, access, refresh));
            ThumbtackStubs.connectable(code, Fixtures.newId(), "Logged Business", access, refresh);
            given().queryParam("code", code).queryParam("state", state).get("/oauth/callback").then().statusCode(200);
            thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh).willReturn(json(400, "{\"error\":\"invalid_grant\"}")));

            // A refused code whose error echoes it.
            String badCode = ThumbtackStubs.token("code");
            secrets.add(badCode);
            thumbtack.stubFor(ThumbtackStubs.codeExchange(badCode)
                    .willReturn(json(400, "{\"error\":\"code " + badCode + " is invalid\"}")));
            partner().body("{\"code\":\"" + badCode + "\"}").post("/api/v1/connections").then().statusCode(502);

            // Refreshes: success, 5xx, timeout, then a refusal echoing the refresh token.
            Connected ok = TestConnections.connect();
            Connected flaky = TestConnections.connect();
            Connected slow = TestConnections.connect();
            Connected refused = TestConnections.connect();
            String newAccess = ThumbtackStubs.token("access");
            String newRefresh = ThumbtackStubs.token("refresh");
            for (Connected c : List.of(ok, flaky, slow, refused)) {
                secrets.addAll(List.of(c.accessToken(), c.refreshToken()));
            }
            secrets.addAll(List.of(newAccess, newRefresh));
            thumbtack.stubFor(ThumbtackStubs.refreshWith(ok.refreshToken())
                    .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, newRefresh, 3600))));
            thumbtack.stubFor(ThumbtackStubs.refreshWith(flaky.refreshToken())
                    .willReturn(json(503, "{\"error\":\"down for " + flaky.refreshToken() + "\"}")));
            thumbtack.stubFor(ThumbtackStubs.refreshWith(slow.refreshToken())
                    .willReturn(WireMock.aResponse().withFixedDelay(1500)));
            thumbtack.stubFor(ThumbtackStubs.refreshWith(refused.refreshToken())
                    .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token "
                            + refused.refreshToken() + " revoked\"}")));
            db.rows("update connection set access_token_expires_at = now() + interval '1 minute', next_refresh_attempt_at = null");
            OnVertx.await(() -> job.run());
            assertThat(db.one("select status from connection where business_pk = $1", refused.businessPk())
                    .getString(0)).isEqualTo("NEEDS_REAUTH");

            // Disconnect.
            thumbtack.stubFor(ThumbtackStubs.disconnectOf(ok.businessPk()).willReturn(json(200, "{}")));
            partner().delete("/api/v1/connections/" + ok.businessPk()).then().statusCode(204);

            String text = log.text();
            assertThat(text).contains("needs re-authorization").contains("refreshed the access token");
            for (String secret : secrets) {
                assertThat(text).as("log must not contain a secret").doesNotContain(secret);
            }
            assertThat(text).doesNotContainPattern("(?i)authorization\"?\\s*[:=]\\s*\"?(basic|bearer)")
                    .doesNotContain("Bearer ");
        }
    }
}
