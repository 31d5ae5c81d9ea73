package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * THUMBTACK_REFRESH_AHEAD of 80 s with access tokens that live 90 s: each token is due 10 s after it
 * was issued, and the job refreshes it in the first run after that, whichever path stored it.
 */
@QuarkusTest
@TestProfile(RefreshAheadTest.Ahead80s.class)
class RefreshAheadTest extends ThumbtackTestBase {

    public static class Ahead80s implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thumbtack.refresh-ahead", "80s");
        }
    }

    private static final long LIFETIME = 90;

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @BeforeEach
    void reset() {
        db.rows("delete from connection");
    }

    @Test
    void aConnectionIsDueAtExpiresAtMinusAheadAndRefreshedByTheRunThen() {
        List<Connected> pros = List.of(RefreshFixtures.connectWithLifetime(LIFETIME),
                RefreshFixtures.connectWithLifetime(LIFETIME), RefreshFixtures.connectWithLifetime(LIFETIME));
        List<String> next = new ArrayList<>();
        for (Connected c : pros) {
            String nextRefresh = ThumbtackStubs.token("refresh");
            next.add(nextRefresh);
            thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                    ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), nextRefresh, LIFETIME))));
            thumbtack.stubFor(ThumbtackStubs.refreshWith(nextRefresh).willReturn(json(200,
                    ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), LIFETIME))));
        }

        pros.forEach(c -> RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 8));
        assertThat(OnVertx.await(() -> job.run())).as("8 s after issue: due only at 10 s").isZero();

        pros.forEach(c -> RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11));
        assertThat(OnVertx.await(() -> job.run())).as("11 s after issue every connection is due").isEqualTo(3);
        for (Connected c : pros) {
            thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        }

        // The refreshed tokens follow the same rule: due 10 s after they were issued, not before.
        pros.forEach(c -> RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 8));
        assertThat(OnVertx.await(() -> job.run())).isZero();
        pros.forEach(c -> RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11));
        assertThat(OnVertx.await(() -> job.run())).isEqualTo(3);
        for (String refresh : next) {
            thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(refresh));
        }
    }

    @Test
    void aPairStoredAfterAGraceRetryIsDueByTheSameRule() {
        Connected c = RefreshFixtures.connectWithLifetime(LIFETIME);
        String nextRefresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).inScenario("grace").whenScenarioStateIs(STARTED)
                .willReturn(json(200, "null")).willSetStateTo("answered"));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).inScenario("grace").whenScenarioStateIs("answered")
                .willReturn(json(200, ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), nextRefresh, LIFETIME))));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(nextRefresh).willReturn(json(200,
                ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), LIFETIME))));

        RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11);
        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);
        thumbtack.verify(2, ThumbtackStubs.refreshRequestWith(c.refreshToken()));

        RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 8);
        assertThat(OnVertx.await(() -> job.run())).isZero();
        RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11);
        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(nextRefresh));
    }

    @Test
    void aRejectedConnectionBroughtBackIsDueByTheSameRule() {
        Connected c = RefreshFixtures.connectWithLifetime(LIFETIME);
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token was already used\"}")));
        RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11);
        OnVertx.await(() -> job.run());
        partner().get("/api/v1/connections/" + c.businessPk()).then().body("status", equalTo("NEEDS_REAUTH"));

        // Thumbtack takes the token again (say, a mistake on its side): a manual refresh brings it back.
        String nextRefresh = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).atPriority(1).willReturn(json(200,
                ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), nextRefresh, LIFETIME))));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(nextRefresh).willReturn(json(200,
                ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), LIFETIME))));
        partner().post("/api/v1/connections/" + c.businessPk() + "/refresh").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));

        RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 8);
        assertThat(OnVertx.await(() -> job.run())).isZero();
        RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11);
        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(nextRefresh));
    }

    @Test
    void twoReplicasRefreshEachShortLivedTokenExactlyOnce() throws Exception {
        List<Connected> pros = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Connected c = RefreshFixtures.connectWithLifetime(LIFETIME);
            thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                    ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), LIFETIME))
                    .withFixedDelay(200)));
            RefreshFixtures.issuedSecondsAgo(db, c, LIFETIME, 11);
            pros.add(c);
        }

        Callable<Integer> replica = () -> OnVertx.await(() -> job.run());
        List<Integer> refreshed = Concurrently.all(List.of(replica, replica));

        assertThat(refreshed.get(0) + refreshed.get(1)).isEqualTo(6);
        for (Connected c : pros) {
            thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        }
        // ... and no new token was taken again straight away by the other replica.
        thumbtack.verify(6, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("grant_type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("refresh_token")));
    }
}
