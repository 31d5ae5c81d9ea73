package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A 401 while the business's token is being refreshed (by another message, the job or another replica). */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class OutboxTokenRaceTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    Db db;

    @Inject
    OutboxWorker worker;

    private Map<String, Long> statuses(List<UUID> ids) {
        return db.rows("select status, count(*) from outbound_message where id = any($1) group by status",
                (Object) ids.toArray(new UUID[0])).stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    }

    private long pending(List<UUID> ids) {
        return statuses(ids).getOrDefault("PENDING", 0L);
    }

    /** Requests to the message path of each lead with this bearer token, and Thumbtack's answer. */
    private Map<String, Long> sendsWith(String businessId, String token, int status) {
        return thumbtackApi.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v2/business/" + businessId + "/"))
                .filter(e -> ("Bearer " + token).equals(e.getRequest().getHeader("Authorization")))
                .filter(e -> e.getResponse().getStatus() == status)
                .collect(Collectors.groupingBy((ServeEvent e) -> e.getRequest().getUrl(), Collectors.counting()));
    }

    private void stubSends(TestConnections.Connected pro, String newAccess) {
        String anyLead = "/v2/business/" + pro.businessPk() + "/lead/.*/message";
        thumbtackApi.stubFor(post(urlPathMatching(anyLead)).withHeader("Authorization", equalTo("Bearer " + pro.accessToken()))
                .willReturn(ThumbtackStubs.json(401, "{\"error\": \"invalid token\"}")));
        thumbtackApi.stubFor(post(urlPathMatching(anyLead)).withHeader("Authorization", equalTo("Bearer " + newAccess))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
    }

    @Test
    void manyMessagesRefusedDuringOneSlowRefreshAllGoOutOnceWithTheNewToken() {
        TestConnections.Connected pro = TestConnections.connect();
        String newAccess = ThumbtackStubs.token("access");
        stubSends(pro, newAccess);
        // Slow, but inside the test profile's 1 s per-attempt timeout: one refresh call, not a retried one.
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))
                        .withFixedDelay(700)));
        List<String> leadIds = DueMessages.leads(30);
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), leadIds);

        worker.wake();
        await().atMost(Duration.ofSeconds(40)).until(() -> pending(ids) == 0);

        assertThat(statuses(ids)).as("final statuses").isEqualTo(Map.of("SENT", 30L));
        thumbtackApi.verify(1, ThumbtackStubs.refreshRequestWith(pro.refreshToken()));
        Map<String, Long> sentWithNew = sendsWith(pro.businessPk(), newAccess, 200);
        assertThat(sentWithNew).hasSize(30);
        assertThat(sentWithNew.values()).as("sends per message with the new token").allMatch(n -> n == 1);
    }

    @Test
    void aRefreshThatFailsForAPassingReasonRetriesTheMessageLater() {
        TestConnections.Connected pro = TestConnections.connect();
        String newAccess = ThumbtackStubs.token("access");
        stubSends(pro, newAccess);
        var down = thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(503, "{}")));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), DueMessages.leads(1));

        worker.wake();
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "select count(*) from outbound_message where id = $1 and last_error is not null", ids.get(0)) == 1);
        assertThat(db.one("select status from outbound_message where id = $1", ids.get(0)).getString(0))
                .as("status after the first attempt, last_error: %s",
                        db.one("select last_error from outbound_message where id = $1", ids.get(0)).getString(0))
                .isEqualTo("PENDING");

        thumbtackApi.removeStub(down);
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));
        // the back-off after the failed refresh passes (a minute by default)
        db.rows("update connection set next_refresh_attempt_at = now() where business_pk = $1", pro.businessPk());
        await().atMost(Duration.ofSeconds(20)).until(() -> pending(ids) == 0);
        assertThat(statuses(ids)).isEqualTo(Map.of("SENT", 1L));
        assertThat(sendsWith(pro.businessPk(), newAccess, 200).values()).containsExactly(1L);
    }

    @Test
    void aRefreshTokenThumbtackRefusesFailsTheMessage() {
        TestConnections.Connected pro = TestConnections.connect();
        stubSends(pro, ThumbtackStubs.token("access"));
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(400, "{\"error\": \"invalid_grant\"}")));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), DueMessages.leads(1));

        worker.wake();
        await().atMost(Duration.ofSeconds(20)).until(() -> pending(ids) == 0);
        assertThat(statuses(ids)).isEqualTo(Map.of("FAILED", 1L));
        assertThat(db.one("select last_error from outbound_message where id = $1", ids.get(0)).getString(0))
                .contains("refresh token").contains("invalid_grant");
        thumbtackApi.verify(1, ThumbtackStubs.refreshRequestWith(pro.refreshToken()));
        thumbtackApi.verify(1, postRequestedFor(urlPathMatching("/v2/business/" + pro.businessPk() + "/lead/.*/message")));
    }

    @Test
    void aTokenRefreshedElsewhereSinceTheSendIsUsedWithoutAnotherRefresh() {
        TestConnections.Connected pro = TestConnections.connect();
        String newAccess = ThumbtackStubs.token("access");
        String anyLead = "/v2/business/" + pro.businessPk() + "/lead/.*/message";
        // The old token is refused slowly; meanwhile "another replica" refreshes (through the API).
        thumbtackApi.stubFor(post(urlPathMatching(anyLead)).withHeader("Authorization", equalTo("Bearer " + pro.accessToken()))
                .willReturn(ThumbtackStubs.json(401, "{\"error\": \"invalid token\"}").withFixedDelay(800)));
        thumbtackApi.stubFor(post(urlPathMatching(anyLead)).withHeader("Authorization", equalTo("Bearer " + newAccess))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        String newRefresh = ThumbtackStubs.token("refresh");
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(200, ThumbtackStubs.tokenJson(newAccess, newRefresh, 3600))));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), DueMessages.leads(1));

        worker.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> thumbtackApi.getAllServeEvents().stream()
                .anyMatch(e -> e.getRequest().getUrl().startsWith("/v2/business/" + pro.businessPk() + "/")));
        io.ttgateway.support.Api.partner().post("/api/v1/connections/" + pro.businessPk() + "/refresh")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> pending(ids) == 0);
        assertThat(statuses(ids)).isEqualTo(Map.of("SENT", 1L));
        thumbtackApi.verify(1, ThumbtackStubs.refreshRequestWith(pro.refreshToken()));
        thumbtackApi.verify(0, ThumbtackStubs.refreshRequestWith(newRefresh));
        assertThat(sendsWith(pro.businessPk(), newAccess, 200).values()).containsExactly(1L);
    }

    /**
     * Sends refused with 401 while the connection backs off after a failed refresh: no refresh before the
     * back-off ends, and no attempt used up either (the refusal says nothing about the message), so the
     * messages outlast max-attempts (4 in tests) instead of failing before the refresh is tried again.
     */
    @Test
    void sendsRefusedWhileTheConnectionBacksOffDoNotRefreshAgainNorUseUpTheirAttempts() {
        TestConnections.Connected pro = TestConnections.connect();
        db.rows("update connection set refresh_failures = 2, next_refresh_attempt_at = now() + interval '10 minutes',"
                + " last_refresh_error = 'server_error: Thumbtack answered 503' where business_pk = $1", pro.businessPk());
        String newAccess = ThumbtackStubs.token("access");
        stubSends(pro, newAccess);
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken())
                .willReturn(ThumbtackStubs.json(200, ThumbtackStubs.tokenJson(newAccess, ThumbtackStubs.token("refresh"), 3600))));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), DueMessages.leads(2));

        worker.wake();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Map<String, Long> refused = sendsWith(pro.businessPk(), pro.accessToken(), 401);
            return refused.size() == 2 && refused.values().stream().allMatch(n -> n >= 6);
        });

        thumbtackApi.verify(0, ThumbtackStubs.refreshRequestWith(pro.refreshToken()));
        assertThat(statuses(ids)).isEqualTo(Map.of("PENDING", 2L));
        for (UUID id : ids) {
            Row row = db.one("select attempts, last_error from outbound_message where id = $1", id);
            assertThat(row.getInteger(0)).as("attempts").isLessThanOrEqualTo(1);
            assertThat(row.getString(1)).contains("refused the access token").contains("backing off");
        }
        assertThat(db.one("select status from connection where business_pk = $1", pro.businessPk()).getString(0))
                .isEqualTo("CONNECTED");
    }
}
