package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.telemetry.Traces;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class OutboxResilienceTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    Db db;

    @Inject
    OutboxRepository repository;

    @Inject
    Delivery delivery;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    OutboxConfig config;

    @Inject
    OutboxMetrics metrics;

    @Inject
    Vertx vertx;

    @Inject
    Traces traces;

    @Inject
    SendBreaker breaker;

    @Inject
    OutboxWorker worker;

    private long countWithStatus(List<UUID> ids, String status) {
        return db.count("select count(*) from outbound_message where id = any($1) and status = $2",
                ids.toArray(new UUID[0]), status);
    }

    /** Requests Thumbtack answered 2xx, per path. */
    private Map<String, Long> deliveredPerPath(String businessId) {
        return thumbtackApi.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v2/business/" + businessId + "/"))
                .filter(e -> e.getResponse().getStatus() == 200)
                .collect(Collectors.groupingBy((ServeEvent e) -> e.getRequest().getUrl(), Collectors.counting()));
    }

    @Test
    void twoWorkersRacingOnOneQueueSendEachMessageOnce() throws Exception {
        TestConnections.Connected pro = TestConnections.connect();
        thumbtackApi.stubFor(post(urlPathMatching("/v2/business/" + pro.businessPk() + "/lead/.*/message"))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}").withFixedDelay(30)));
        List<String> leadIds = DueMessages.leads(60);
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), leadIds);
        OutboxWorker other = new OutboxWorker(repository, delivery, recorder, config, metrics, breaker, vertx, traces);

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> OnVertx.await(worker::drain));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> OnVertx.await(other::drain));
        CompletableFuture.allOf(a, b).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> countWithStatus(ids, "SENT") == ids.size());

        Map<String, Long> delivered = deliveredPerPath(pro.businessPk());
        assertThat(delivered).hasSize(60);
        assertThat(delivered.values()).allMatch(count -> count == 1);
    }

    @Test
    void anOutageLosesNothingAndEachMessageGoesOutOnceWhenThumbtackIsBack() {
        TestConnections.Connected pro = TestConnections.connect();
        var down = thumbtackApi.stubFor(post(urlPathMatching("/v2/business/" + pro.businessPk() + "/lead/.*/message"))
                .willReturn(ThumbtackStubs.json(503, "{}")));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), DueMessages.leads(10));
        worker.wake();
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "select count(*) from outbound_message where id = any($1) and last_error is not null",
                (Object) ids.toArray(new UUID[0])) == ids.size());
        assertThat(countWithStatus(ids, "PENDING")).isEqualTo(ids.size());

        thumbtackApi.removeStub(down);
        thumbtackApi.stubFor(post(urlPathMatching("/v2/business/" + pro.businessPk() + "/lead/.*/message"))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> countWithStatus(ids, "SENT") == ids.size());

        Map<String, Long> delivered = deliveredPerPath(pro.businessPk());
        assertThat(delivered).hasSize(10);
        assertThat(delivered.values()).allMatch(count -> count == 1);
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        String path = "/v2/business/" + pro.businessPk() + "/lead/" + leadId + "/message";
        thumbtackApi.stubFor(post(urlPathEqualTo(path)).willReturn(ThumbtackStubs.json(500, "{}")));
        List<UUID> ids = DueMessages.queue(db, pro.businessPk(), List.of(leadId));
        worker.wake();

        await().atMost(Duration.ofSeconds(20)).until(() -> countWithStatus(ids, "FAILED") == 1);
        assertThat(db.one("select attempts from outbound_message where id = $1", ids.get(0)).getInteger(0))
                .isEqualTo(config.maxAttempts());
        thumbtackApi.verify(config.maxAttempts(), postRequestedFor(urlPathEqualTo(path)));
    }
}
