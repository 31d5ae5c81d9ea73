package io.ttgateway.thumbtack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wrapper's policies against WireMock: what is retried, what is not, and what comes back. */
@QuarkusTest
class ThumbtackApiTest extends ThumbtackTestBase {

    @Inject
    ThumbtackApi api;

    @Test
    void refreshSendsTheDocumentedRequestAndReadsThePair() {
        String refresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh)
                .willReturn(json(200, ThumbtackStubs.tokenJson("new-access-1", "new-refresh-1", 1800))));

        ThumbtackResult<TokenResponse> result = await(api.refresh(refresh));

        assertThat(result).isInstanceOf(ThumbtackResult.Ok.class);
        TokenResponse tokens = ((ThumbtackResult.Ok<TokenResponse>) result).body();
        assertThat(tokens.accessToken()).isEqualTo("new-access-1");
        assertThat(tokens.refreshToken()).isEqualTo("new-refresh-1");
        assertThat(tokens.expiresInSeconds()).isEqualTo(1800);
        assertThat(tokens.toString()).doesNotContain("new-access-1").doesNotContain("new-refresh-1");
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token"))
                .withQueryParam("refresh_token", equalTo(refresh))
                .withQueryParam("token_type", equalTo("REFRESH"))
                .withHeader("Authorization", equalTo(ThumbtackWireMock.clientBasicAuth())));
        assertThat(thumbtack.getAllServeEvents().get(0).getRequest().getUrl())
                .doesNotContain("code=").doesNotContain("redirect_uri=");
    }

    @Test
    void a503IsRetriedAndTheRetryReallySendsAgain() {
        String refresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(json(503, "{\"error\":\"unavailable\"}")).willSetStateTo("recovered"));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(json(200, ThumbtackStubs.tokenJson("a2", "r2", 3600))));

        ThumbtackResult<TokenResponse> result = await(api.refresh(refresh));

        assertThat(result).isInstanceOf(ThumbtackResult.Ok.class);
        thumbtack.verify(2, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
    }

    @Test
    void persistent5xxGivesUpAfterThreeAttempts() {
        thumbtack.stubFor(ThumbtackStubs.infoFor("some-access").willReturn(json(500, "{}")));

        ThumbtackResult<ThumbtackInfo> result = await(api.thumbtackInfo("some-access"));

        assertThat(result).isInstanceOf(ThumbtackResult.Failed.class);
        assertThat(((ThumbtackResult.Failed<ThumbtackInfo>) result).failure())
                .isEqualTo(ThumbtackResult.Failure.SERVER_ERROR);
        assertThat(result.toException("x").status()).isEqualTo(502);
        thumbtack.verify(3, getRequestedFor(urlPathEqualTo(ThumbtackStubs.INFO_PATH)));
    }

    @Test
    void a4xxIsNotRetriedAndBecomesARejectionWithThumbtacksMessageRedacted() {
        String code = ThumbtackStubs.token("code");
        thumbtack.stubFor(ThumbtackStubs.codeExchange(code)
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code " + code
                        + " is expired\"}")));

        ThumbtackResult<TokenResponse> result = await(api.exchangeCode(code));

        assertThat(result).isInstanceOf(ThumbtackResult.Rejected.class);
        ThumbtackResult.Rejected<TokenResponse> rejected = (ThumbtackResult.Rejected<TokenResponse>) result;
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.message()).isEqualTo("code [redacted] is expired");
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
    }

    @Test
    void aNullTokenAnswerIsRetriedWithTheSameRefreshToken() {
        String refresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh).inScenario("grace").whenScenarioStateIs(STARTED)
                .willReturn(json(200, "null")).willSetStateTo("second"));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh).inScenario("grace").whenScenarioStateIs("second")
                .willReturn(json(200, ThumbtackStubs.tokenJson("a3", "r3", 3600))));

        ThumbtackResult<TokenResponse> result = await(api.refresh(refresh));

        assertThat(result).isInstanceOf(ThumbtackResult.Ok.class);
        thumbtack.verify(2, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("refresh_token", equalTo(refresh)));
    }

    @Test
    void onlyNullAnswersEndAsNullAnswer() {
        String refresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh).willReturn(json(200, "null")));

        ThumbtackResult<TokenResponse> result = await(api.refresh(refresh));

        assertThat(((ThumbtackResult.Failed<TokenResponse>) result).failure())
                .isEqualTo(ThumbtackResult.Failure.NULL_ANSWER);
        thumbtack.verify(3, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)));
    }

    @Test
    void aSlowAnswerTimesOutPerAttemptAndEndsAs504() {
        thumbtack.stubFor(ThumbtackStubs.infoFor("slow-access")
                .willReturn(aResponse().withStatus(200).withFixedDelay(1600).withBody("{}")));

        long started = System.nanoTime();
        ThumbtackResult<ThumbtackInfo> result = await(api.thumbtackInfo("slow-access"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(((ThumbtackResult.Failed<ThumbtackInfo>) result).failure())
                .isEqualTo(ThumbtackResult.Failure.TIMEOUT);
        assertThat(result.toException("x").status()).isEqualTo(504);
        thumbtack.verify(3, getRequestedFor(urlPathEqualTo(ThumbtackStubs.INFO_PATH)));
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void thumbtackInfoSendsTheBearerTokenAndContentType() {
        thumbtack.stubFor(ThumbtackStubs.infoFor("info-access")
                .willReturn(json(200, io.ttgateway.support.Fixtures.text("thumbtack-info-response.json"))));

        ThumbtackInfo info = ((ThumbtackResult.Ok<ThumbtackInfo>) await(api.thumbtackInfo("info-access"))).body();

        assertThat(info.businessPk()).isEqualTo("388006067351150595");
        assertThat(info.businessName()).isEqualTo("cleaner business");
        assertThat(info.scopes()).containsExactly("messages");
        thumbtack.verify(1, getRequestedFor(urlPathEqualTo(ThumbtackStubs.INFO_PATH))
                .withHeader("Authorization", equalTo("Bearer info-access"))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void aConnectionFailureIsANetworkFailure() {
        thumbtack.stubFor(ThumbtackStubs.infoFor("reset-access").willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        ThumbtackResult<ThumbtackInfo> result = await(api.thumbtackInfo("reset-access"));

        assertThat(((ThumbtackResult.Failed<ThumbtackInfo>) result).failure())
                .isEqualTo(ThumbtackResult.Failure.NETWORK);
        thumbtack.verify(3, getRequestedFor(urlPathEqualTo(ThumbtackStubs.INFO_PATH)));
    }

    @Test
    void disconnectUsesClientBasicAuth() {
        thumbtack.stubFor(ThumbtackStubs.disconnectOf("432428213655306241")
                .willReturn(json(200, io.ttgateway.support.Fixtures.text("disconnect-response.json"))));

        ThumbtackResult<DisconnectResponse> result = await(api.disconnect("432428213655306241"));

        assertThat(((ThumbtackResult.Ok<DisconnectResponse>) result).body().businessPk())
                .isEqualTo("432428213655306241");
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.DISCONNECT_PATH))
                .withQueryParam("business_pk", equalTo("432428213655306241"))
                .withHeader("Authorization", equalTo(ThumbtackWireMock.clientBasicAuth()))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }
}
