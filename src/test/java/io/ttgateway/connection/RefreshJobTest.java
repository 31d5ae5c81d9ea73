package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.client.CountMatchingStrategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.CapturedLog;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.ThumbtackWireMock;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshJobTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @Inject
    ConnectionService service;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        // The job takes every due connection: keep other tests' connections out of its way.
        db.rows("delete from connection");
    }

    @Test
    void refreshesOnlyTokensExpiringWithinRefreshAheadAndStoresTheNewPair() {
        Connected due = TestConnections.connect();
        Connected later = TestConnections.connect();
        expireIn(due, "5 minutes");
        expireIn(later, "30 minutes");
        String newAccess = ThumbtackStubs.token("access");
        String newRefresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(due.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, newRefresh, 3600))));
        double refreshedBefore = count("refreshed");

        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token"))
                .withQueryParam("refresh_token", equalTo(due.refreshToken()))
                .withQueryParam("token_type", equalTo("REFRESH"))
                .withHeader("Authorization", equalTo(ThumbtackWireMock.clientBasicAuth())));
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(later.refreshToken()));
        assertThat(db.one("select access_token_expires_at > now() + interval '59 minutes', refresh_lease_id"
                + " from connection where business_pk = $1", due.businessPk()).getBoolean(0)).isTrue();
        assertThat(db.one("select refresh_lease_id from connection where business_pk = $1", due.businessPk())
                .getValue(0)).isNull();
        assertThat(bearer(due)).isEqualTo(newAccess);
        assertThat(bearer(later)).isEqualTo(later.accessToken());
        assertThat(count("refreshed")).isEqualTo(refreshedBefore + 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("thumbtack_token_refreshes_total{outcome=\"refreshed\"}"));

        // The new refresh token is the one used next time.
        expireIn(due, "1 minute");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(newRefresh)
                .willReturn(json(200, ThumbtackStubs.tokenJson("a", "r", 3600))));
        OnVertx.await(() -> job.run());
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(newRefresh));
    }

    @Test
    void aNullAnswerIsRetriedWithTheSameRefreshTokenWithinTheGracePeriod() {
        Connected c = TestConnections.connect();
        expireIn(c, "2 minutes");
        String newAccess = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).inScenario("grace").whenScenarioStateIs(STARTED)
                .willReturn(json(200, "null")).willSetStateTo("answered"));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).inScenario("grace").whenScenarioStateIs("answered")
                .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));

        long started = System.nanoTime();
        OnVertx.await(() -> job.run());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        thumbtack.verify(2, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        assertThat(bearer(c)).isEqualTo(newAccess);
    }

    @Test
    void aRejectedRefreshTokenMarksNeedsReauthOnceAndIsNotRetriedEveryRun() {
        Connected c = TestConnections.connect();
        expireIn(c, "2 minutes");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(400, "{\"error\":\"invalid_grant\"}")));
        double rejectedBefore = count("rejected");

        OnVertx.await(() -> job.run());
        OnVertx.await(() -> job.run());

        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        Row row = db.one("select status, last_refresh_error, next_refresh_attempt_at > now() + interval '59 minutes'"
                + " from connection where business_pk = $1", c.businessPk());
        assertThat(row.getString(0)).isEqualTo("NEEDS_REAUTH");
        assertThat(row.getString(1)).contains("invalid_grant").doesNotContain(c.refreshToken());
        assertThat(row.getBoolean(2)).isTrue();
        Row event = db.one("select data->>'reason', data::text from event where business_id = $1"
                + " and type = 'connection.needs_reauth'", c.businessPk());
        assertThat(event.getString(0)).contains("invalid_grant");
        assertThat(event.getString(1)).doesNotContain(c.refreshToken()).doesNotContain(c.accessToken());
        assertThat(count("rejected")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void aPassingFailureBacksOffExponentiallyAndKeepsTheConnection() {
        Connected c = TestConnections.connect();
        expireIn(c, "2 minutes");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(503, "{}")));

        OnVertx.await(() -> job.run());
        thumbtack.verify(3, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        Row first = db.one("select status, refresh_failures, extract(epoch from next_refresh_attempt_at - now())"
                + " from connection where business_pk = $1", c.businessPk());
        assertThat(first.getString(0)).isEqualTo("CONNECTED");
        assertThat(first.getInteger(1)).isEqualTo(1);
        assertThat(first.getDouble(2)).isBetween(50.0, 61.0);

        OnVertx.await(() -> job.run());
        thumbtack.verify(3, ThumbtackStubs.refreshRequestWith(c.refreshToken()));

        db.rows("update connection set next_refresh_attempt_at = now() where business_pk = $1", c.businessPk());
        OnVertx.await(() -> job.run());
        Row second = db.one("select refresh_failures, extract(epoch from next_refresh_attempt_at - now())"
                + " from connection where business_pk = $1", c.businessPk());
        assertThat(second.getInteger(0)).isEqualTo(2);
        assertThat(second.getDouble(1)).isBetween(110.0, 121.0);
    }

    @Test
    void twoConcurrentRunsRefreshEachTokenExactlyOnce() throws Exception {
        List<Connected> due = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Connected c = TestConnections.connect();
            expireIn(c, "3 minutes");
            thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                    ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), 3600))
                    .withFixedDelay(300)));
            due.add(c);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return OnVertx.await(() -> job.run());
            }));
        }
        go.countDown();
        int refreshed = 0;
        for (CompletableFuture<Integer> run : runs) {
            refreshed += run.get(30, TimeUnit.SECONDS);
        }

        assertThat(refreshed).isEqualTo(4);
        for (Connected c : due) {
            thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        }
        thumbtack.verify(new CountMatchingStrategy(CountMatchingStrategy.EQUAL_TO, 4),
                postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH)).withQueryParam("grant_type",
                        equalTo("refresh_token")));
    }

    @Test
    void aTokenWhoseKeyIsGoneIsSkippedAndTheOthersAreStillRefreshed() {
        Connected unreadable = TestConnections.connect();
        Connected readable = TestConnections.connect();
        expireIn(unreadable, "2 minutes");
        expireIn(readable, "5 minutes");
        // As after a key rotation whose earlier key was not listed in GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS.
        db.rows("update connection set refresh_token_key_id = 'gone' where business_pk = $1", unreadable.businessPk());
        thumbtack.stubFor(ThumbtackStubs.refreshWith(readable.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"),
                        ThumbtackStubs.token("refresh"), 3600))));

        try (CapturedLog log = CapturedLog.start()) {
            assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);
            assertThat(log.text()).contains("token refresh skipped for business " + unreadable.businessPk())
                    .contains("no key with id gone").doesNotContain("token refresh run failed");
        }

        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(readable.refreshToken()));
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(unreadable.refreshToken()));
        assertThat(db.one("select refresh_lease_until > now() from connection where business_pk = $1",
                unreadable.businessPk()).getBoolean(0)).as("held back until its lease runs out").isTrue();
        assertThat(OnVertx.await(() -> job.run())).isZero();
    }

    @Test
    void aRefreshTokenPast720HoursBecomesNeedsReauthWithoutCallingThumbtack() {
        Connected c = TestConnections.connect();
        db.rows("update connection set refresh_token_expires_at = now() - interval '1 minute' where business_pk = $1",
                c.businessPk());

        OnVertx.await(() -> job.run());

        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        assertThat(db.one("select status from connection where business_pk = $1", c.businessPk()).getString(0))
                .isEqualTo("NEEDS_REAUTH");
        assertThat(db.one("select data->>'reason' from event where business_id = $1 and type = 'connection.needs_reauth'",
                c.businessPk()).getString(0)).contains("expired");
    }

    @Test
    void aConnectionLeasedElsewhereIsLeftAlone() {
        Connected c = TestConnections.connect();
        expireIn(c, "2 minutes");
        db.rows("update connection set refresh_lease_id = 'other-replica', refresh_lease_until = now() + interval '1 minute'"
                + " where business_pk = $1", c.businessPk());

        OnVertx.await(() -> job.run());
        partner().post("/api/v1/connections/" + c.businessPk() + "/refresh").then().statusCode(409);

        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        db.rows("update connection set refresh_lease_until = now() - interval '1 second' where business_pk = $1",
                c.businessPk());
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson("a", "r", 3600))));
        OnVertx.await(() -> job.run());
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }

    @Test
    void aDisconnectDuringARefreshWinsAndTheLateResultIsDropped() throws Exception {
        Connected c = TestConnections.connect();
        expireIn(c, "2 minutes");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                ThumbtackStubs.tokenJson("late-access", "late-refresh", 3600)).withFixedDelay(700)));
        thumbtack.stubFor(ThumbtackStubs.disconnectOf(c.businessPk()).willReturn(json(200, "{}")));

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> OnVertx.await(() -> job.run()));
        // The disconnect comes while Thumbtack holds the refresh's answer.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !thumbtack.findAll(ThumbtackStubs.refreshRequestWith(c.refreshToken())).isEmpty());
        partner().delete("/api/v1/connections/" + c.businessPk()).then().statusCode(204);
        run.get(10, TimeUnit.SECONDS);

        Row row = db.one("select status, access_token_ciphertext, refresh_token_ciphertext from connection"
                + " where business_pk = $1", c.businessPk());
        assertThat(row.getString(0)).isEqualTo("DISCONNECTED");
        assertThat(row.getValue(1)).isNull();
        assertThat(row.getValue(2)).isNull();
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }

    @Test
    void accessTokenForRefreshesATokenThatIsAboutToExpire() {
        Connected c = TestConnections.connect();
        db.rows("update connection set access_token_expires_at = now() + interval '10 seconds' where business_pk = $1",
                c.businessPk());
        String newAccess = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));

        assertThat(bearer(c)).isEqualTo(newAccess);

        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(aResponse().withStatus(500)));
        assertThat(bearer(c)).isEqualTo(newAccess);
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }

    @Test
    void aShortLivedTokenIsNotRefreshedAgainAndAgainInOneRun() {
        Connected c = TestConnections.connect();
        expireIn(c, "2 minutes");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson("short-1", "short-refresh-1", 120))));
        thumbtack.stubFor(ThumbtackStubs.refreshWith("short-refresh-1")
                .willReturn(json(200, ThumbtackStubs.tokenJson("short-2", "short-refresh-2", 120))));

        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);

        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith("short-refresh-1"));
        assertThat(db.one("select extract(epoch from next_refresh_attempt_at - now()) from connection"
                + " where business_pk = $1", c.businessPk()).getDouble(0)).isBetween(50.0, 61.0);
    }

    @Test
    void aNearlyExpiredTokenIsStillHandedOutWhileAnotherReplicaRefreshesIt() {
        Connected c = TestConnections.connect();
        db.rows("update connection set access_token_expires_at = now() + interval '10 seconds',"
                + " refresh_lease_id = 'other-replica', refresh_lease_until = now() + interval '1 minute'"
                + " where business_pk = $1", c.businessPk());

        assertThat(bearer(c)).isEqualTo(c.accessToken());

        db.rows("update connection set access_token_expires_at = now() - interval '1 second' where business_pk = $1",
                c.businessPk());
        assertThat(OnVertx.await(() -> service.accessTokenFor(c.businessPk())))
                .isInstanceOf(AccessToken.Unavailable.class);
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }

    private String bearer(Connected c) {
        AccessToken token = OnVertx.await(() -> service.accessTokenFor(c.businessPk()));
        assertThat(token).isInstanceOf(AccessToken.Bearer.class);
        return ((AccessToken.Bearer) token).token();
    }

    private void expireIn(Connected c, String interval) {
        db.rows("update connection set access_token_expires_at = now() + interval '" + interval + "',"
                + " next_refresh_attempt_at = null where business_pk = $1", c.businessPk());
    }

    private double count(String outcome) {
        Counter counter = registry.find("thumbtack.token.refreshes").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
