package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This replica's clock is 10 minutes behind the database's. Leases, due times and expiries are
 * compared with the database's now(), so they must be computed with it too.
 *
 * <p>How: the service's sessions put the schema before pg_catalog on their search_path, and the schema
 * holds a now() that answers the real one plus 10 minutes; for everything this service asks the
 * database, the database's clock is ahead. (Other test classes keep pg_catalog first: unaffected.)
 */
@QuarkusTest
@TestProfile(RefreshClockSkewTest.DatabaseClockAhead.class)
class RefreshClockSkewTest extends ThumbtackTestBase {

    public static class DatabaseClockAhead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // max-backoff long enough that a message's pause is the refresh back-off's, not the cap
            return Map.of("quarkus.datasource.reactive.additional-properties.search_path",
                    "${gateway.db.schema},pg_catalog", "gateway.outbox.max-backoff", "15m");
        }
    }

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @Inject
    ConnectionService service;

    @BeforeEach
    void reset() {
        db.rows("create or replace function now() returns timestamptz language sql stable"
                + " as 'select pg_catalog.now() + interval ''10 minutes'''");
        assertThat(db.one("select now() - pg_catalog.now() = interval '10 minutes'").getBoolean(0)).isTrue();
        db.rows("delete from connection");
    }

    @AfterEach
    void dropMessages() {
        db.rows("delete from outbound_message where text = 'during the back-off'");
    }

    @AfterEach
    void dropClock() {
        // Only this profile's search_path sees it; removed all the same (explicitly qualified, so that
        // pg_catalog's own now() can never be meant).
        db.rows("do $$ begin execute format('drop function if exists %I.now()', current_schema()); end $$");
    }

    @Test
    void aLeaseKeepsTheOtherReplicaOffForItsWholeLength() throws Exception {
        // The first one (due first) is slow to answer: the other replica is done with the rest meanwhile
        // and looks again while its lease is held.
        List<Connected> due = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Connected c = TestConnections.connect();
            db.rows("update connection set access_token_expires_at = now() + $2::int * interval '1 minute',"
                    + " next_refresh_attempt_at = null where business_pk = $1", c.businessPk(), i + 1);
            thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                    ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), 3600))
                    .withFixedDelay(i == 0 ? 800 : 50)));
            due.add(c);
        }

        Callable<Integer> replica = () -> OnVertx.await(() -> job.run());
        List<Integer> refreshed = Concurrently.all(List.of(replica, replica));

        for (Connected c : due) {
            thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        }
        assertThat(refreshed.get(0) + refreshed.get(1)).isEqualTo(4);
        thumbtack.verify(4, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token")));
    }

    @Test
    void aLeaseAndANewExpiryAreReckonedFromTheDatabasesNow() {
        Connected c = TestConnections.connect();
        Row connected = db.one("select extract(epoch from access_token_expires_at - now()),"
                + " extract(epoch from connected_at - now()) from connection where business_pk = $1", c.businessPk());
        assertThat(connected.getDouble(0)).as("expires in 3600 s by the database's clock").isBetween(3590.0, 3601.0);
        assertThat(connected.getDouble(1)).isBetween(-10.0, 0.5);

        db.rows("update connection set access_token_expires_at = now() + interval '2 minutes',"
                + " next_refresh_attempt_at = null where business_pk = $1", c.businessPk());
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), 900))));
        assertThat(OnVertx.await(() -> job.run())).isEqualTo(1);
        assertThat(db.one("select extract(epoch from access_token_expires_at - now()) from connection"
                + " where business_pk = $1", c.businessPk()).getDouble(0)).isBetween(890.0, 901.0);
        // 15 minutes of life, 10 minutes ahead: due in 5 minutes, not in this run.
        assertThat(OnVertx.await(() -> job.run())).isZero();
        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(ThumbtackStubs.TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token")));
    }

    @Test
    void aBackOffLastsItsLengthByTheDatabasesClock() {
        Connected c = TestConnections.connect();
        db.rows("update connection set access_token_expires_at = now() + interval '2 minutes',"
                + " next_refresh_attempt_at = null where business_pk = $1", c.businessPk());
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(503, "{}")));

        OnVertx.await(() -> job.run());
        thumbtack.verify(3, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        assertThat(db.one("select extract(epoch from next_refresh_attempt_at - now()) from connection"
                + " where business_pk = $1", c.businessPk()).getDouble(0)).isBetween(50.0, 61.0);

        OnVertx.await(() -> job.run());
        thumbtack.verify(3, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }

    /**
     * A message refused with 401 while its business's refresh backs off waits until the back-off ends, by
     * the database's clock: 60 s, not the 10 minutes more this replica's clock would make of it.
     */
    @Test
    void aMessageRefusedDuringARefreshBackOffWaitsForTheBackOffByTheDatabasesClock() {
        Connected c = TestConnections.connect();
        db.rows("update connection set refresh_failures = 1, next_refresh_attempt_at = now() + interval '60 seconds',"
                + " last_refresh_error = 'HTTP 503' where business_pk = $1", c.businessPk());
        String leadId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo("/v2/business/" + c.businessPk() + "/lead/" + leadId + "/message"))
                .willReturn(json(401, "{\"error\": \"token expired\"}")));

        String id = partner().body("{\"text\":\"during the back-off\"}")
                .post("/api/v1/businesses/" + c.businessPk() + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(15)).until(() -> db.one("select last_error is not null from outbound_message"
                + " where id = $1::uuid", id).getBoolean(0));
        Row paused = db.one("select status, extract(epoch from next_attempt_at - now()), last_error from outbound_message"
                + " where id = $1::uuid", id);
        assertThat(paused.getString(0)).isEqualTo("PENDING");
        assertThat(paused.getString(2)).contains("back-off");
        assertThat(paused.getDouble(1)).as("due when the back-off ends, by the database's clock").isBetween(45.0, 61.0);
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }

    @Test
    void aTokenNearlyExpiredByTheDatabasesClockIsRefreshedBeforeItIsHandedOut() {
        Connected c = TestConnections.connect();
        // 10 s left by the clock the expiry was reckoned with; 10 min 10 s by this replica's.
        db.rows("update connection set access_token_expires_at = now() + interval '10 seconds' where business_pk = $1",
                c.businessPk());
        String newAccess = ThumbtackStubs.token("access");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken()).willReturn(json(200,
                ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));

        AccessToken token = OnVertx.await(() -> service.accessTokenFor(c.businessPk()));

        assertThat(token).isInstanceOf(AccessToken.Bearer.class);
        assertThat(((AccessToken.Bearer) token).token()).isEqualTo(newAccess);
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
    }
}
