package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.ttgateway.support.Db;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While Thumbtack is down and the send breaker is open, the queue is left alone. */
@QuarkusTest
@TestProfile(SlowBreakerProfile.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class OutboxBreakerTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    Db db;

    @Inject
    OutboxWorker worker;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void closeBreaker() {
        breakers.reset("thumbtack-send");
    }

    /** Every write to the rows shows in xmin; with the lease and attempts columns, a fingerprint of the queue. */
    private String fingerprint(List<UUID> ids) {
        return db.one("select string_agg(id || ':' || xmin || ':' || attempts || ':' || coalesce(lease_owner::text, '-'),"
                + " ',' order by id) from outbound_message where id = any($1)", (Object) ids.toArray(new UUID[0])).getString(0);
    }

    @Test
    void nothingIsClaimedWhileTheBreakerIsOpenAndEachMessageGoesOutOnceAfter() {
        TestConnections.Connected pro = TestConnections.connect();
        String anyLead = "/v2/business/" + pro.businessPk() + "/lead/.*/message";
        var down = thumbtackApi.stubFor(post(urlPathMatching(anyLead)).willReturn(ThumbtackStubs.json(503, "{}")));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), 80);
        Object idArray = ids.toArray(new UUID[0]);

        worker.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.currentState("thumbtack-send") == CircuitBreakerState.OPEN);
        // The sends in flight when it opened come back and are recorded; after that nothing may change.
        await().atMost(Duration.ofSeconds(5)).until(() -> db.count(
                "select count(*) from outbound_message where id = any($1) and lease_owner is not null", idArray) == 0);
        String before = fingerprint(ids);
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> fingerprint(ids).equals(before));
        assertThat(breakers.currentState("thumbtack-send")).isEqualTo(CircuitBreakerState.OPEN);
        // Messages the breaker turned back wait at least its delay before their next attempt.
        assertThat(db.count("select count(*) from outbound_message where id = any($1) and last_error like '%paused%'"
                + " and next_attempt_at < updated_at + make_interval(secs => $2)", idArray,
                SlowBreakerProfile.DELAY_MS / 1000.0)).isZero();

        thumbtackApi.removeStub(down);
        thumbtackApi.stubFor(post(urlPathMatching(anyLead)).willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        await().atMost(Duration.ofSeconds(40)).until(() -> db.count(
                "select count(*) from outbound_message where id = any($1) and status = 'SENT'", idArray) == ids.size());
        Map<String, Long> delivered = thumbtackApi.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v2/business/" + pro.businessPk() + "/"))
                .filter(e -> e.getResponse().getStatus() == 200)
                .collect(Collectors.groupingBy((ServeEvent e) -> e.getRequest().getUrl(), Collectors.counting()));
        assertThat(delivered).hasSize(ids.size());
        assertThat(delivered.values()).allMatch(n -> n == 1);
    }
}
