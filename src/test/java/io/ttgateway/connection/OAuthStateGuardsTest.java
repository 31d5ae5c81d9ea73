package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /oauth/connect is anonymous: it must cost the service nothing (no row per request), and the callback
 * must neither echo unverified text nor let one state through twice, even when callbacks race.
 */
@QuarkusTest
class OAuthStateGuardsTest extends ThumbtackTestBase {

    private static final String SCRIPT = "<script>alert('pwned')</script> Call +1 555 0100 to reconnect";

    @Inject
    Db db;

    @Test
    void anAnonymousLoopOfConnectsWritesNothing() {
        long before = db.count("select count(*) from oauth_state");

        for (int i = 0; i < 50; i++) {
            assertThat(state(connect())).isNotBlank();
        }

        assertThat(db.count("select count(*) from oauth_state")).as("rows written by 50 anonymous connects")
                .isEqualTo(before);
        thumbtack.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"never-issued-state-value-0123456789abcdef", "x", "AAAA.BBBB"})
    void anErrorWithAStateThatIsNotValidDoesNotEchoTheDescription(String state) {
        String page = given().queryParam("error", "access_denied").queryParam("error_description", SCRIPT)
                .queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400).extract().asString();

        assertThat(page).contains("access_denied").doesNotContain("pwned").doesNotContain("555 0100")
                .doesNotContain("script");
    }

    @Test
    void anErrorWithoutAStateDoesNotEchoTheDescriptionNorAnErrorThatIsNoErrorCode() {
        String page = given().queryParam("error", "<b>bold</b>").queryParam("error_description", SCRIPT)
                .get("/oauth/callback").then().statusCode(400).extract().asString();

        assertThat(page).doesNotContain("pwned").doesNotContain("bold").doesNotContain("script");
    }

    @Test
    void anErrorWithAValidStateShowsTheDescriptionEscaped() {
        String state = state(connect());

        String page = given().queryParam("error", "access_denied").queryParam("error_description", SCRIPT)
                .queryParam("state", state).get("/oauth/callback")
                .then().statusCode(400).extract().asString();

        assertThat(page).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;").doesNotContain("<script>");
    }

    /** Many callbacks with one state at once (as if on several replicas): exactly one token exchange. */
    @RepeatedTest(3)
    void concurrentCallbacksWithOneStateExchangeTheCodeExactlyOnce() throws Exception {
        String state = state(connect());
        String code = ThumbtackStubs.token("code");
        String businessPk = Fixtures.newId();
        ThumbtackStubs.connectable(code, businessPk, "Racing", ThumbtackStubs.token("access"),
                ThumbtackStubs.token("refresh"));

        List<Callable<Integer>> callbacks = new ArrayList<>(Collections.nCopies(8, () -> given()
                .queryParam("code", code).queryParam("state", state).get("/oauth/callback").statusCode()));
        List<Integer> statuses = Concurrently.all(callbacks);

        assertThat(statuses).containsOnly(200, 400);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
        assertThat(db.count("select count(*) from connection where business_pk = $1", businessPk)).isEqualTo(1);
    }

    private static Response connect() {
        Response response = given().redirects().follow(false).get("/oauth/connect");
        assertThat(response.statusCode()).isEqualTo(302);
        return response;
    }

    static String state(Response connect) {
        for (String pair : URI.create(connect.header("Location")).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring("state=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + connect.header("Location"));
    }
}
