package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.telemetry.Traces;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Rows;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Outbound messages of v4 businesses: POST /api/v4/negotiations/{l}/messages with the grant's bearer
 * token, with the outbox's rules. These tests read the grant's token through ConnectionService, so
 * they need its v4 (grant) support.
 */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4OutboxTest {

    @InjectWireMock
    WireMockServer thumbtack;

    @Inject
    Db db;

    @Inject
    V4Rows v4;

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
    SendBreaker breaker;

    @Inject
    OutboxWorker worker;

    @Inject
    Vertx vertx;

    @Inject
    Traces traces;

    private static String path(String leadId) {
        return "/api/v4/negotiations/" + leadId + "/messages";
    }

    private static String answer(String messageId, String leadId, String text) {
        return "{\"messageID\":\"" + messageId + "\",\"negotiationID\":\"" + leadId + "\",\"from\":\"Business\","
                + "\"text\":\"" + text + "\",\"sentAt\":\"2026-12-03T10:00:00Z\"}";
    }

    private String queue(String businessId, String leadId, String text) {
        return partner().body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/businesses/" + businessId + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract().path("id");
    }

    private String status(String id) {
        return db.one("select status from outbound_message where id = $1", UUID.fromString(id)).getString(0);
    }

    private void awaitStatus(String id, String expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> expected.equals(status(id)));
    }

    @Test
    void aMessageOfAV4BusinessGoesOutThroughV4AndItsMessageIdIsRecorded() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId)))
                .willReturn(json(200, answer(messageId, leadId, "Hello from v4"))));

        String id = queue(pro.businessId(), leadId, "Hello from v4");
        awaitStatus(id, "SENT");

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(path(leadId)))
                .withHeader("Authorization", equalTo("Bearer " + pro.accessToken()))
                .withRequestBody(equalToJson("{\"text\":\"Hello from v4\"}")));
        assertThat(db.one("select thumbtack_message_id from outbound_message where id = $1", UUID.fromString(id))
                .getString(0)).isEqualTo(messageId);
        assertThat(db.count("select count(*) from event where type = 'message.sent' and data->>'outboundMessageId' = $1"
                + " and data->>'thumbtackMessageId' = $2", id, messageId)).isEqualTo(1);
        thumbtack.verify(0, postRequestedFor(urlPathEqualTo("/v2/business/" + pro.businessId() + "/lead/" + leadId
                + "/message")));
    }

    @Test
    void a401RefreshesTheGrantOnceAndSendsAgainWithTheNewToken() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId))).withHeader("Authorization", equalTo("Bearer " + pro.accessToken()))
                .willReturn(json(401, "{\"title\":\"Unauthorized\",\"status\":401}")));
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId))).withHeader("Authorization", equalTo("Bearer renewed-" + pro.grantId()))
                .willReturn(json(200, answer(Fixtures.newId(), leadId, "After a refresh"))));
        thumbtack.stubFor(post(urlPathEqualTo("/oauth2/token")).withRequestBody(
                        com.github.tomakehurst.wiremock.client.WireMock.containing("refresh_token=" + pro.refreshToken()))
                .willReturn(json(200, "{\"access_token\":\"renewed-" + pro.grantId() + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":3600,\"refresh_token\":\"r2-" + pro.grantId() + "\",\"scope\":\"offline_access\"}")));

        String id = queue(pro.businessId(), leadId, "After a refresh");
        awaitStatus(id, "SENT");

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("refresh_token=" + pro.refreshToken())));
        thumbtack.verify(2, postRequestedFor(urlPathEqualTo(path(leadId))));
    }

    @Test
    void aFirewallChallengeIsRetriedNotTakenForASuccess() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId))).inScenario("challenge-" + leadId).whenScenarioStateIs(STARTED)
                .willReturn(json(202, "{}")).willSetStateTo("passed"));
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId))).inScenario("challenge-" + leadId).whenScenarioStateIs("passed")
                .willReturn(json(200, answer(messageId, leadId, "Challenged"))));

        String id = queue(pro.businessId(), leadId, "Challenged");
        awaitStatus(id, "SENT");

        thumbtack.verify(2, postRequestedFor(urlPathEqualTo(path(leadId))));
        assertThat(db.one("select attempts, thumbtack_message_id from outbound_message where id = $1",
                UUID.fromString(id)).getInteger(0)).isEqualTo(2);
    }

    @Test
    void aRateLimitWithRetryAfterIsRetriedLater() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId))).inScenario("limit-" + leadId).whenScenarioStateIs(STARTED)
                .willReturn(json(429, "{\"title\":\"Too Many Requests\"}").withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId))).inScenario("limit-" + leadId).whenScenarioStateIs("open")
                .willReturn(json(200, answer(Fixtures.newId(), leadId, "Limited"))));

        String id = queue(pro.businessId(), leadId, "Limited");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.one(
                "select last_error from outbound_message where id = $1", UUID.fromString(id)).getString(0) != null
                || "SENT".equals(status(id)));
        awaitStatus(id, "SENT");

        thumbtack.verify(2, postRequestedFor(urlPathEqualTo(path(leadId))));
    }

    @Test
    void anotherRefusalFailsAtOnce() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId)))
                .willReturn(json(404, "{\"title\":\"Not Found\",\"detail\":\"no such negotiation\"}")));

        String id = queue(pro.businessId(), leadId, "Nobody there");
        awaitStatus(id, "FAILED");

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(path(leadId))));
        assertThat(db.one("select last_error from outbound_message where id = $1", UUID.fromString(id)).getString(0))
                .contains("404").contains("no such negotiation");
    }

    /** The echo arrived (and was stored) while the send was in flight: one copy, no message.pro_sent. */
    @Test
    void anEchoStoredBeforeTheSentLeavesOneCopyInTheConversation() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = v4.lead(pro.businessId(), java.time.Instant.now(), null, "$20.00", "Charged", "Open");
        String messageId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId)))
                .willReturn(json(200, answer(messageId, leadId, "Echoed")).withFixedDelay(300)));

        String id = queue(pro.businessId(), leadId, "Echoed");
        // Intake's half: the echo comes in while the send is in flight (PENDING, leased): stored, pending.
        await().atMost(Duration.ofSeconds(5)).until(() -> db.count(
                "select count(*) from outbound_message where id = $1 and lease_owner is not null", UUID.fromString(id)) == 1);
        v4.proMessage(messageId, leadId, pro.businessId(), "Echoed", true);
        awaitStatus(id, "SENT");

        assertThat(db.count("select count(*) from message where lead_id = $1", leadId)).isZero();
        assertThat(db.count("select count(*) from event where type = 'message.pro_sent' and lead_id = $1", leadId)).isZero();
        partner().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("messages.size()", org.hamcrest.Matchers.equalTo(1))
                .body("messages[0].id", org.hamcrest.Matchers.equalTo(id));
    }

    @Test
    void twoReplicasRacingOnOneV4MessagePostItOnce() throws Exception {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo(path(leadId)))
                .willReturn(json(200, answer(Fixtures.newId(), leadId, "Once")).withFixedDelay(200)));
        UUID id = UUID.randomUUID();
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " created_at, updated_at) values ($1, $2, $3, 'Once', 'PENDING', 0, now(), now(), now())",
                id, pro.businessId(), leadId);
        OutboxWorker other = new OutboxWorker(repository, delivery, recorder, config, metrics, breaker, vertx, traces);

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> OnVertx.await(worker::drain));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> OnVertx.await(other::drain));
        CompletableFuture.allOf(a, b).get();
        awaitStatus(id.toString(), "SENT");

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(path(leadId))));
    }

    private Row message(String id) {
        return db.one("select status, attempts, last_error from outbound_message where id = $1", UUID.fromString(id));
    }

    /**
     * Sends refused with 401 while the grant backs off after a failed refresh: no refresh before the
     * back-off ends, and no attempt used up either, so the messages outlast max-attempts (4 in tests).
     */
    @Test
    void sendsRefusedWhileTheGrantBacksOffDoNotRefreshAgainNorUseUpTheirAttempts() {
        V4Rows.V4Business pro = v4.connect();
        db.rows("update oauth_grant set refresh_failures = 2, next_refresh_attempt_at = now() + interval '10 minutes',"
                + " last_refresh_error = 'server_error: Thumbtack answered 503' where id = $1", pro.grantId());
        String leadId = Fixtures.newId();
        String path = "/api/v4/negotiations/" + leadId + "/messages";
        thumbtack.stubFor(post(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + pro.accessToken()))
                .willReturn(json(401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"invalid token\"}")));
        thumbtack.stubFor(post(urlPathEqualTo("/oauth2/token")).withRequestBody(containing(pro.refreshToken()))
                .willReturn(json(200, "{\"access_token\":\"renewed-" + pro.grantId() + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":3600,\"refresh_token\":\"r2-" + pro.grantId() + "\",\"scope\":\"x\"}")));

        List<String> ids = List.of(queue(pro.businessId(), leadId, "one"), queue(pro.businessId(), leadId, "two"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> thumbtack.findAll(
                postRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + pro.accessToken())))
                .size() >= 12);

        thumbtack.verify(0, postRequestedFor(urlPathEqualTo("/oauth2/token"))
                .withRequestBody(containing(pro.refreshToken())));
        for (String id : ids) {
            Row row = message(id);
            assertThat(row.getString("status")).isEqualTo("PENDING");
            assertThat(row.getInteger("attempts")).as("attempts").isLessThanOrEqualTo(1);
            assertThat(row.getString("last_error")).contains("refused the access token").contains("backing off");
        }
        assertThat(db.one("select status from connection where business_pk = $1", pro.businessId()).getString(0))
                .isEqualTo("CONNECTED");
    }
}
