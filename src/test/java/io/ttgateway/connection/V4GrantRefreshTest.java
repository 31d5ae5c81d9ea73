package io.ttgateway.connection;

import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.connection.V4Stubs.Business;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.ThumbtackTestBase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A v4 grant is refreshed once for all of its businesses, exactly once across replicas and callers. */
@QuarkusTest
class V4GrantRefreshTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    RefreshJob job;

    @Inject
    ConnectionService service;

    @AfterEach
    void noGrantLeftDue() {
        V4Stubs.leaveNothingDue(db);
    }

    /** Two businesses on one fresh grant (webhooks registered), the tokens as Thumbtack issued them. */
    private record Grant(long id, Business first, Business second, String access, String refresh) {}

    private Grant connectTwo() {
        Business first = V4Stubs.business("Grant One");
        Business second = V4Stubs.business("Grant Two");
        String access = V4Stubs.token("access");
        String refresh = V4Stubs.token("refresh");
        V4Stubs.connect(V4Stubs.token("code"), access, refresh, first, second);
        for (Business business : List.of(first, second)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db.rows(
                    "select 1 from v4_webhook where business_id = $1 and state = 'REGISTERED'", business.id()).size() == 1);
        }
        long grantId = db.one("select grant_id from connection where business_pk = $1", first.id()).getLong(0);
        return new Grant(grantId, first, second, access, refresh);
    }

    private void makeDue(long grantId) {
        db.rows("update oauth_grant set access_token_expires_at = now() + interval '3 minutes',"
                + " next_refresh_attempt_at = null where id = $1", grantId);
    }

    @Test
    void twoReplicasRefreshAGrantOfTwoBusinessesWithOneTokenCallAndTheRotatedRefreshTokenIsUsedNextTime()
            throws Exception {
        Grant grant = connectTwo();
        makeDue(grant.id());
        String access2 = V4Stubs.token("access");
        String refresh2 = V4Stubs.token("refresh");
        thumbtack.stubFor(V4Stubs.refreshWith(grant.refresh())
                .willReturn(json(200, V4Stubs.tokens(access2, refresh2, 3600)).withFixedDelay(300)));

        Callable<Integer> replica = () -> OnVertx.await(() -> job.run());
        List<Integer> runs = Concurrently.all(List.of(replica, replica));

        assertThat(runs.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        thumbtack.verify(1, V4Stubs.refreshRequests());
        thumbtack.verify(1, V4Stubs.refreshRequestsWith(grant.refresh()));
        for (Business business : List.of(grant.first(), grant.second())) {
            AccessToken token = OnVertx.await(() -> service.accessTokenFor(business.id()));
            assertThat(token).isInstanceOf(AccessToken.Bearer.class);
            assertThat(((AccessToken.Bearer) token).token()).isEqualTo(access2);
        }

        // The partner API's refresh of either business refreshes the grant, with the rotated token.
        String access3 = V4Stubs.token("access");
        thumbtack.stubFor(V4Stubs.refreshWith(refresh2)
                .willReturn(json(200, V4Stubs.tokens(access3, V4Stubs.token("refresh"), 3600))));
        partner().post("/api/v1/connections/" + grant.second().id() + "/refresh").then().statusCode(200);

        thumbtack.verify(1, V4Stubs.refreshRequestsWith(refresh2));
        thumbtack.verify(1, V4Stubs.refreshRequestsWith(grant.refresh()));
        AccessToken token = OnVertx.await(() -> service.accessTokenFor(grant.first().id()));
        assertThat(((AccessToken.Bearer) token).token()).isEqualTo(access3);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, invalid_grant, NEEDS_REAUTH",
            "401, invalid_grant, NEEDS_REAUTH",
            "401, invalid_client, CONNECTED",
            "503, temporarily_unavailable, CONNECTED"})
    void onlyARefusedGrantMakesEveryBusinessOfItNeedReauth(int status, String error, String expected) {
        Grant grant = connectTwo();
        makeDue(grant.id());
        thumbtack.stubFor(V4Stubs.refreshWith(grant.refresh())
                .willReturn(json(status, "{\"error\":\"" + error + "\",\"error_description\":\"no\"}")));

        OnVertx.await(() -> job.run());

        boolean refused = "NEEDS_REAUTH".equals(expected);
        for (Business business : List.of(grant.first(), grant.second())) {
            assertThat(db.one("select status from connection where business_pk = $1", business.id()).getString(0))
                    .isEqualTo(expected);
            assertThat(db.count("select count(*) from event where type = 'connection.needs_reauth'"
                    + " and business_id = $1", business.id())).isEqualTo(refused ? 1 : 0);
            AccessToken token = OnVertx.await(() -> service.accessTokenFor(business.id()));
            assertThat(token).isInstanceOf(refused ? AccessToken.NotConnected.class : AccessToken.Bearer.class);
        }
        var row = db.one("select status, next_refresh_attempt_at > now(), last_refresh_error from oauth_grant"
                + " where id = $1", grant.id());
        assertThat(row.getString(0)).isEqualTo(refused ? "NEEDS_REAUTH" : "ACTIVE");
        assertThat(row.getBoolean(1)).as("backs off").isTrue();
        assertThat(row.getString(2)).doesNotContain(grant.refresh());
    }

    @Test
    void aRefreshRacingReplaceRefusedForBothBusinessesOfTheGrantMakesOneTokenCall() throws Exception {
        Grant grant = connectTwo();
        makeDue(grant.id());
        String access2 = V4Stubs.token("access");
        thumbtack.stubFor(V4Stubs.refreshWith(grant.refresh())
                .willReturn(json(200, V4Stubs.tokens(access2, V4Stubs.token("refresh"), 3600)).withFixedDelay(300)));

        Callable<Object> first = () -> OnVertx.await(() -> service.replaceRefused(grant.first().id(), grant.access()));
        Callable<Object> second = () -> OnVertx.await(() -> service.replaceRefused(grant.second().id(), grant.access()));
        Callable<Object> refreshJob = () -> OnVertx.await(() -> job.run());
        List<Object> answers = Concurrently.all(List.of(first, second, first, second, refreshJob));

        thumbtack.verify(1, V4Stubs.refreshRequests());
        for (Object answer : answers.subList(0, 4)) {
            // Either the new token, or "a refresh is running" (the caller then waits for the stored one).
            if (answer instanceof AccessToken.Bearer bearer) {
                assertThat(bearer.token()).isEqualTo(access2);
            } else {
                assertThat(answer).isInstanceOf(AccessToken.Unavailable.class);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            StoredToken stored = OnVertx.await(() -> service.storedToken(grant.second().id()));
            assertThat(((AccessToken.Bearer) stored.token()).token()).isEqualTo(access2);
        });
        // Once replaced, a refused old token leads to no further refresh.
        AccessToken again = OnVertx.await(() -> service.replaceRefused(grant.first().id(), grant.access()));
        assertThat(((AccessToken.Bearer) again).token()).isEqualTo(access2);
        thumbtack.verify(1, V4Stubs.refreshRequests());
    }
}
