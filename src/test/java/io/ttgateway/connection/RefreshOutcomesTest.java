package io.ttgateway.connection;

import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.ttgateway.support.CapturedLog;
import io.ttgateway.support.Db;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackResult;
import io.ttgateway.thumbtack.TokenResponse;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which answers to a refresh mean "the pro must reconnect", and the refresh's own circuit breaker. */
@QuarkusTest
class RefreshOutcomesTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @Inject
    ThumbtackApi api;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        db.rows("delete from connection");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(400, json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token was already used\"}")),
                Arguments.of(401, json(401, "{\"error\":\"invalid_grant\"}")));
    }

    @ParameterizedTest(name = "{0} invalid_grant")
    @MethodSource("refusals")
    void onlyARefusedRefreshTokenMeansReconnect(int status, ResponseDefinitionBuilder answer) {
        Connected c = dueConnection();
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(answer));

        OnVertx.await(() -> job.run());

        Row row = db.one("select status, last_refresh_error from connection where business_pk = $1", c.businessPk());
        assertThat(row.getString(0)).isEqualTo("NEEDS_REAUTH");
        assertThat(row.getString(1)).contains("refused the refresh token");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("401 invalid_client", json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client credentials\"}"),
                        "client_unauthorized", "THUMBTACK_CLIENT_SECRET"),
                Arguments.of("403 from a WAF", WireMock.aResponse().withStatus(403).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Request blocked</body></html>"), "forbidden", "firewall"),
                Arguments.of("404 wrong THUMBTACK_API_URL", WireMock.aResponse().withStatus(404), "not_found", "THUMBTACK_API_URL"),
                Arguments.of("302 redirect", WireMock.aResponse().withStatus(302).withHeader("Location", "https://example.org/"),
                        "redirected", "THUMBTACK_API_URL"),
                Arguments.of("400 other than invalid_grant", json(400, "{\"error\":\"invalid_request\"}"), "bad_request",
                        "THUMBTACK_API_URL"),
                Arguments.of("429", json(429, "{\"error\":\"slow down\"}"), "rate_limited", "rate"),
                Arguments.of("500", json(500, "{}"), "server_error", "Thumbtack"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void anyOtherAnswerIsAFailureWithBackOffAndTheConnectionComesBackOnceFixed(String what,
            ResponseDefinitionBuilder answer, String reason, String hint) {
        Connected c = dueConnection();
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(answer));
        double failuresBefore = failures(reason);

        try (CapturedLog log = CapturedLog.start()) {
            OnVertx.await(() -> job.run());
            assertThat(log.text()).as("a log line an operator can act on")
                    .contains("token refresh of business " + c.businessPk() + " failed (" + reason)
                    .contains(hint).doesNotContain(c.refreshToken());
        }

        Row row = db.one("select status, refresh_failures, extract(epoch from next_refresh_attempt_at - now()),"
                + " last_refresh_error from connection where business_pk = $1", c.businessPk());
        assertThat(row.getString(0)).as("status after " + what).isEqualTo("CONNECTED");
        assertThat(row.getInteger(1)).isEqualTo(1);
        assertThat(row.getDouble(2)).as("back-off").isBetween(50.0, 61.0);
        assertThat(row.getString(3)).isNotBlank();
        assertThat(failures(reason)).isEqualTo(failuresBefore + 1);
        assertThat(Metrics.value("thumbtack_token_refresh_failures_total{reason=\"" + reason + "\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(events(c)).containsExactly("connection.connected");

        // The operator fixes the setting; the connection's next due run refreshes it by itself.
        String newAccess = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).atPriority(1)
                .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));
        db.rows("update connection set next_refresh_attempt_at = now() where business_pk = $1", c.businessPk());
        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);
        Row after = db.one("select status, refresh_failures, last_refresh_error from connection where business_pk = $1",
                c.businessPk());
        assertThat(after.getString(0)).isEqualTo("CONNECTED");
        assertThat(after.getInteger(1)).isZero();
        assertThat(after.getValue(2)).isNull();
    }

    @Test
    void aRefreshAndItsGraceRetryGoThroughWhileThePartnerCallBreakerIsOpen() {
        Connected c = dueConnection();
        // A brownout of get-thumbtack-info opens the breaker of the partner-driven calls.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String access = ThumbtackStubs.token("access");
            tokens.add(access);
            thumbtack.stubFor(ThumbtackStubs.infoFor(access).willReturn(json(503, "{}")));
        }
        OnVertx.await(() -> Uni.join().all(tokens.stream().map(api::thumbtackInfo).toList()).andCollectFailures());
        assertThat(circuitBreakers.currentState("thumbtack")).isEqualTo(CircuitBreakerState.OPEN);

        String newAccess = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).inScenario("grace").whenScenarioStateIs("Started")
                .willReturn(json(200, "null")).willSetStateTo("answered"));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).inScenario("grace").whenScenarioStateIs("answered")
                .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));

        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);

        thumbtack.verify(2, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        assertThat(db.one("select refresh_failures, last_refresh_error from connection where business_pk = $1",
                c.businessPk()).getInteger(0)).isZero();
    }

    @Test
    void aGraceRetryIsSentEvenWhenTheRefreshBreakerOpensMeanwhile() throws Exception {
        String pending = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(pending).inScenario("grace").whenScenarioStateIs("Started")
                .willReturn(json(200, "null").withFixedDelay(700)).willSetStateTo("answered"));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(pending).inScenario("grace").whenScenarioStateIs("answered")
                .willReturn(json(200, ThumbtackStubs.tokenJson("a", "r", 3600))));
        CompletableFuture<ThumbtackResult<TokenResponse>> inFlight =
                CompletableFuture.supplyAsync(() -> OnVertx.await(() -> api.refresh(pending)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !thumbtack.findAll(ThumbtackStubs.refreshRequestWith(pending)).isEmpty());

        // Meanwhile 20 other refreshes fail at once: the refresh breaker opens.
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = ThumbtackStubs.token("refresh");
            failing.add(token);
            thumbtack.stubFor(ThumbtackStubs.refreshWith(token).willReturn(json(503, "{}")));
        }
        failing.forEach(token -> CompletableFuture.runAsync(() -> OnVertx.await(() -> api.refresh(token))));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> circuitBreakers.currentState("thumbtack-refresh") == CircuitBreakerState.OPEN);

        ThumbtackResult<TokenResponse> result = inFlight.get(15, TimeUnit.SECONDS);
        assertThat(result).as("the grace retry of a started refresh is not cut short").isInstanceOf(ThumbtackResult.Ok.class);
        thumbtack.verify(2, ThumbtackStubs.refreshRequestWith(pending));

        // A refresh not yet started waits for the breaker: no request at all.
        String later = ThumbtackStubs.token("refresh");
        ThumbtackResult<TokenResponse> paused = OnVertx.await(() -> api.refresh(later));
        assertThat(paused).isInstanceOf(ThumbtackResult.Failed.class);
        assertThat(((ThumbtackResult.Failed<TokenResponse>) paused).failure())
                .isEqualTo(ThumbtackResult.Failure.CIRCUIT_OPEN);
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(later));
    }

    @Test
    void aheadNotShorterThanTheTokensLifeRefreshesHalfWayAndSaysSoOnce() {
        // The test profile's THUMBTACK_REFRESH_AHEAD is 10 minutes: a 97 s token is always "due".
        try (CapturedLog log = CapturedLog.start()) {
            Connected first = RefreshFixtures.connectWithLifetime(97);
            Connected second = RefreshFixtures.connectWithLifetime(97);
            for (Connected c : List.of(first, second)) {
                thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                        ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), 97))));
            }
            assertThat(OnVertx.await(() -> job.run())).as("just issued: not refreshed in a loop").isZero();

            List.of(first, second).forEach(c -> RefreshFixtures.issuedSecondsAgo(db, c, 97, 46));
            assertThat(OnVertx.await(() -> job.run())).isZero();
            List.of(first, second).forEach(c -> RefreshFixtures.issuedSecondsAgo(db, c, 97, 50));
            assertThat(OnVertx.await(() -> job.run())).as("half-way through its life").isEqualTo(2);
            assertThat(OnVertx.await(() -> job.run())).as("the new tokens are not taken again").isZero();

            Matcher lines = Pattern.compile("THUMBTACK_REFRESH_AHEAD \\(PT10M\\) is not shorter than").matcher(log.text());
            int count = 0;
            while (lines.find()) {
                count++;
            }
            assertThat(count).as("the loop guard says so once:\n" + log.text()).isEqualTo(1);
            assertThat(log.text()).contains("97 s");
        }
    }

    private Connected dueConnection() {
        Connected c = TestConnections.connect();
        db.rows("update connection set access_token_expires_at = now() + interval '2 minutes',"
                + " next_refresh_attempt_at = null where business_pk = $1", c.businessPk());
        return c;
    }

    private List<String> events(Connected c) {
        return db.rows("select type from event where business_id = $1 order by id", c.businessPk()).stream()
                .map(r -> r.getString(0)).toList();
    }

    private double failures(String reason) {
        Counter counter = registry.find("thumbtack.token.refresh.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
