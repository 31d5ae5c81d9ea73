package io.ttgateway.thumbtackv4;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The v4 wrapper's policies against WireMock: what is retried, what is a value, what stays secret. */
@QuarkusTest
class ThumbtackV4Test extends ThumbtackTestBase {

    private static final BearerToken TOKEN = new BearerToken("v4-access-" + "x".repeat(1200));

    @Inject
    ThumbtackV4 v4;

    @Test
    void theCodeExchangeSendsTheFormWithPkceAndTheV4ClientAndReadsThePair() {
        thumbtack.stubFor(post("/oauth2/token").willReturn(json(200, tokens("a1", "r1"))));

        V4Tokens tokens = v4.exchangeCode("the-code-123", "the-verifier-abc").await().indefinitely()
                .orThrow("exchange");

        assertThat(tokens.accessToken()).isEqualTo("a1");
        assertThat(tokens.refreshToken()).isEqualTo("r1");
        assertThat(tokens.toString()).doesNotContain("a1\"").doesNotContain("r1");
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token"))
                .withHeader("Authorization", equalTo(ThumbtackWireMock.v4ClientBasicAuth()))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("authorization_code"))
                .withFormParam("code", equalTo("the-code-123"))
                .withFormParam("code_verifier", equalTo("the-verifier-abc"))
                .withFormParam("redirect_uri", equalTo(ThumbtackWireMock.V4_REDIRECT_URI)));
    }

    @Test
    void aRefreshAnsweredNullIsRetriedWithTheSameRefreshToken() {
        thumbtack.stubFor(post("/oauth2/token").inScenario("grace").whenScenarioStateIs(STARTED)
                .willReturn(json(200, "null")).willSetStateTo("answered"));
        thumbtack.stubFor(post("/oauth2/token").inScenario("grace").whenScenarioStateIs("answered")
                .willReturn(json(200, tokens("a2", "r2"))));

        V4Result<V4Tokens> result = v4.refresh("old-refresh-token").await().indefinitely();

        assertThat(result.orThrow("refresh").refreshToken()).isEqualTo("r2");
        thumbtack.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("old-refresh-token")));
    }

    @Test
    void aRefusedRefreshTokenIsInvalidGrantAndItsTextIsRedacted() {
        thumbtack.stubFor(post("/oauth2/token").willReturn(json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"token old-refresh-token is revoked\"}")));

        V4Result<V4Tokens> result = v4.refresh("old-refresh-token").await().indefinitely();

        V4Result.Refused<V4Tokens> refused = refused(result);
        assertThat(refused.invalidGrant()).isTrue();
        assertThat(refused.describe()).contains("[redacted]").doesNotContain("old-refresh-token");
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
    }

    @Test
    void aSendAnswered202IsTheFirewallsChallengeNotASuccessAndIsNotRepeatedHere() {
        thumbtack.stubFor(post("/api/v4/negotiations/n1/messages").willReturn(aResponse().withStatus(202)));

        V4Result<V4Message> result = v4.sendMessage(TOKEN, "n1", "hello").await().indefinitely();

        String failure = result.fold(ok -> "ok", refused -> "refused", unanswered -> unanswered.failure().name());
        assertThat(failure).isEqualTo("CHALLENGED");
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/negotiations/n1/messages"))
                .withHeader("Authorization", equalTo(TOKEN.header()))
                .withRequestBody(equalToJson("{\"text\":\"hello\"}")));
    }

    @Test
    void aSendAnsweredWithTheStoredMessageNamesItsMessageId() {
        thumbtack.stubFor(post("/api/v4/negotiations/n1/messages").willReturn(json(201,
                "{\"messageID\":\"m-77\",\"negotiationID\":\"n1\",\"from\":\"Business\",\"text\":\"hello\"}")));

        V4Message sent = v4.sendMessage(TOKEN, "n1", "hello").await().indefinitely().orThrow("send");

        assertThat(sent.messageID()).isEqualTo("m-77");
        assertThat(sent.toString()).doesNotContain("hello");
    }

    @Test
    void aReadAnswered202IsRetriedAsA5xxWould() {
        thumbtack.stubFor(get("/api/v4/negotiations/n2").inScenario("fw").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(202)).willSetStateTo("passed"));
        thumbtack.stubFor(get("/api/v4/negotiations/n2").inScenario("fw").whenScenarioStateIs("passed")
                .willReturn(json(200, "{\"negotiationID\":\"n2\",\"leadPrice\":\"$25.00\",\"chargeState\":\"Charged\","
                        + "\"status\":\"Open\",\"createdAt\":\"2026-08-16T17:13:05Z\"}")));

        V4Negotiation negotiation = v4.negotiation(TOKEN, "n2").await().indefinitely().orThrow("read");

        assertThat(negotiation.chargeState()).isEqualTo("Charged");
        thumbtack.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/negotiations/n2")));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 429})
    void a4xxIsAValueNeverRetried(int status) {
        thumbtack.stubFor(get("/api/v4/businesses").willReturn(json(status,
                "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"invalid token "
                        + TOKEN.value() + "\"}").withHeader("Retry-After", "7")));

        V4Result.Refused<V4Businesses> refused = refused(v4.businesses(TOKEN).await().indefinitely());

        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.unauthorized()).isEqualTo(status == 401);
        assertThat(refused.rateLimited()).isEqualTo(status == 429);
        assertThat(refused.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(7)));
        assertThat(refused.describe()).doesNotContain(TOKEN.value()).contains("invalid token [redacted]");
        thumbtack.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/businesses")));
    }

    @Test
    void theBusinessesOfAGrantAreRead() {
        thumbtack.stubFor(get("/api/v4/businesses").willReturn(json(200,
                "{\"data\":[{\"businessID\":\"b1\",\"name\":\"One\"},{\"businessID\":\"b2\",\"name\":\"Two\","
                        + "\"imageURL\":\"https://x\"}],\"pagination\":{\"limit\":20}}")));

        V4Businesses businesses = v4.businesses(TOKEN).await().indefinitely().orThrow("list");

        assertThat(businesses.data()).extracting(V4Business::businessID).isEqualTo(List.of("b1", "b2"));
    }

    private static String tokens(String access, String refresh) {
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"" + refresh + "\",\"scope\":\"offline_access\"}";
    }

    private static <T> V4Result.Refused<T> refused(V4Result<T> result) {
        return result.fold(ok -> {
            throw new AssertionError("expected a refusal, got ok");
        }, refused -> refused, unanswered -> {
            throw new AssertionError("expected a refusal, got " + unanswered.describe());
        });
    }
}
