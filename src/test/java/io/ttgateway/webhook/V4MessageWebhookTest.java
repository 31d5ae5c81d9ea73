package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.support.V4Deliveries.Webhook;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MessageCreatedV4: customer messages once per messageID whether their lead is known or not; the pro's
 * own messages with the echo rule (a send's echo is never a second copy, a pro's message is announced).
 */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4MessageWebhookTest {

    @Inject
    Db db;

    @Inject
    Pool pool;

    @Inject
    V4Deliveries deliveries;

    @Test
    void aCustomerMessageBeforeItsLeadIsStored200AndJoinsTheLeadWhenItArrives() throws Exception {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();

        String body = V4Deliveries.customerMessage(leadId, messageId).toString();
        webhook.post().body(body).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("stored"));

        Row message = db.one("select *, raw::text as raw_json from message where message_id = $1", messageId);
        assertThat(Fixtures.JSON.readTree(message.getString("raw_json"))).isEqualTo(Fixtures.JSON.readTree(body));
        assertThat(message.getString("direction")).isEqualTo("in");
        assertThat(message.getString("lead_id")).isEqualTo(leadId);
        assertThat(message.getString("customer_id")).isEqualTo("331138063184986319");
        assertThat(message.getString("business_id")).isEqualTo(webhook.businessId());
        assertThat(message.getString("text")).isEqualTo("Do you offer fridge cleaning\r\nor is that extra?");
        assertThat(message.getOffsetDateTime("created_at").toInstant()).hasToString("2026-08-16T17:20:10Z");
        assertThat(db.one("select file_name from message_attachment where message_id = $1", messageId).getString(0))
                .isEqualTo("fridge.jpg");
        Row event = db.one("select type, business_id, data::text from event where lead_id = $1", leadId);
        assertThat(event.getString(0)).isEqualTo("message.received");
        assertThat(event.getString(1)).isEqualTo(webhook.businessId());
        JsonNode data = Fixtures.JSON.readTree(event.getString(2));
        assertThat(data.path("message").path("messageID").asText()).isEqualTo(messageId);
        assertThat(data.path("leadID").asText()).isEqualTo(leadId);
        assertThat(data.path("customerID").asText()).isEqualTo("331138063184986319");

        webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), leadId).toString()).post("/v4/webhooks")
                .then().statusCode(200);
        assertThat(db.rows("select m.message_id from lead l join message m on m.lead_id = l.lead_id"
                + " where l.lead_id = $1", leadId)).extracting(r -> r.getString(0)).containsExactly(messageId);
    }

    @Test
    void sixteenRedeliveriesAtOnceStoreOneMessageAndOneEvent() throws Exception {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        String body = V4Deliveries.customerMessage(leadId, messageId).toString();

        List<Response> answers = Concurrently.all(java.util.Collections.nCopies(16,
                () -> webhook.post().body(body).post("/v4/webhooks")));

        assertThat(answers).allMatch(a -> a.statusCode() == 200);
        assertThat(answers.stream().filter(a -> a.asString().contains("\"stored\""))).hasSize(1);
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from message_attachment where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isEqualTo(1);
    }

    @Test
    void twoMessagesOfOneLeadAreTwoMessages() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        for (String messageId : List.of(Fixtures.newId(), Fixtures.newId())) {
            webhook.post().body(V4Deliveries.customerMessage(leadId, messageId).toString()).post("/v4/webhooks")
                    .then().statusCode(200).body("status", equalTo("stored"));
        }
        assertThat(db.count("select count(*) from message where lead_id = $1", leadId)).isEqualTo(2);
    }

    @Test
    void aProsOwnMessageIsStoredOutWithMessageProSent() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();

        webhook.post().body(V4Deliveries.proMessage(webhook.businessId(), leadId, messageId, "See you Tuesday")
                .toString()).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("stored"));

        Row message = db.one("select direction, customer_id, echo_pending, text from message where message_id = $1",
                messageId);
        assertThat(message.getString(0)).isEqualTo("out");
        assertThat(message.getString(1)).isNull();
        assertThat(message.getBoolean(2)).isFalse();
        assertThat(message.getString(3)).isEqualTo("See you Tuesday");
        assertThat(db.rows("select type from event where lead_id = $1", leadId)).extracting(r -> r.getString(0))
                .containsExactly("message.pro_sent");
    }

    @Test
    void theEchoOfASendWhoseMessageIdIsRecordedIsNotStored() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        outbound(webhook.businessId(), leadId, "Yes, it is included.", "SENT", 1, null, messageId);

        webhook.post().body(V4Deliveries.proMessage(webhook.businessId(), leadId, messageId, "Yes, it is included.")
                .toString()).post("/v4/webhooks").then().statusCode(200).body("status", equalTo("duplicate"));

        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isZero();
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isZero();
    }

    @Test
    void anEchoArrivingWhileASendOfTheSameTextIsInFlightWaitsWithoutAnEvent() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        outbound(webhook.businessId(), leadId, "On my way", "PENDING", 0, Duration.ofMinutes(1), null);

        webhook.post().body(V4Deliveries.proMessage(webhook.businessId(), leadId, messageId, "On my way").toString())
                .post("/v4/webhooks").then().statusCode(200);

        assertThat(db.one("select echo_pending from message where message_id = $1", messageId).getBoolean(0)).isTrue();
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isZero();
    }

    /** Thumbtack may hand the text back with other line endings or without trailing whitespace. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Line one\\r\\nLine two\\r\\n|Line one\\nLine two",
            "Line one\\nLine two|'Line one\\r\\nLine two  '",
            "Line one \\rLine two\\t|Line one\\nLine two",
            "'See you Tuesday.  '|See you Tuesday.\\n"})
    void anEchoWhoseTextThumbtackNormalisedStillWaitsForItsSend(String sent, String echoed) {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        outbound(webhook.businessId(), leadId, unescape(sent), "PENDING", 0, Duration.ofMinutes(1), null);

        String messageId = proMessage(webhook, leadId, unescape(echoed));

        assertThat(db.one("select echo_pending from message where message_id = $1", messageId).getBoolean(0)).isTrue();
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isZero();
    }

    @Test
    void aTextThatDiffersBeyondLineEndsAndTrailingSpaceIsNotTakenForAnEcho() {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        outbound(webhook.businessId(), leadId, "Line one\r\nLine two", "PENDING", 0, Duration.ofMinutes(1), null);

        String messageId = proMessage(webhook, leadId, "Line one\n\nLine two");

        assertThat(db.one("select echo_pending from message where message_id = $1", messageId).getBoolean(0)).isFalse();
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'message.pro_sent'", leadId))
                .isEqualTo(1);
    }

    private static String unescape(String csv) {
        return csv.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    @Test
    void aSendBeingRetriedCountsAsInFlightButAnotherTextOrAnIdleSendDoesNot() {
        Webhook webhook = deliveries.register();
        String retried = Fixtures.newId();
        outbound(webhook.businessId(), retried, "Hello", "PENDING", 2, null, null);
        String otherText = Fixtures.newId();
        outbound(webhook.businessId(), otherText, "Hello", "PENDING", 0, Duration.ofMinutes(1), null);
        String idle = Fixtures.newId();
        outbound(webhook.businessId(), idle, "Hello", "PENDING", 0, null, null);

        String retriedEcho = proMessage(webhook, retried, "Hello");
        String otherTextMessage = proMessage(webhook, otherText, "Hello there");
        String idleMessage = proMessage(webhook, idle, "Hello");

        assertThat(db.one("select echo_pending from message where message_id = $1", retriedEcho).getBoolean(0)).isTrue();
        assertThat(db.one("select echo_pending from message where message_id = $1", otherTextMessage).getBoolean(0))
                .isFalse();
        assertThat(db.one("select echo_pending from message where message_id = $1", idleMessage).getBoolean(0)).isFalse();
        assertThat(db.count("select count(*) from event where lead_id = any($1) and type = 'message.pro_sent'",
                (Object) new String[] {retried, otherText, idle})).isEqualTo(2);
    }

    /**
     * The outbox records the messageID of a send under the message's lock; an echo arriving meanwhile
     * waits for that lock and then sees the recorded send: nothing stored, no event.
     */
    @Test
    void anEchoRacingTheRecordOfItsSendWaitsForItAndIsNotStored() throws Exception {
        Webhook webhook = deliveries.register();
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        SqlConnection outbox = pool.getConnection().await().indefinitely();
        Transaction tx = outbox.begin().await().indefinitely();
        CompletableFuture<Response> echo;
        try {
            outbox.preparedQuery("select pg_advisory_xact_lock(hashtextextended('v4-message:' || $1, 0))")
                    .execute(Tuple.of(messageId)).await().indefinitely();
            outbox.preparedQuery("insert into outbound_message (id, business_id, lead_id, text, status, attempts,"
                    + " next_attempt_at, created_at, updated_at, thumbtack_message_id)"
                    + " values ($1, $2, $3, 'Booked', 'SENT', 1, now(), now(), now(), $4)")
                    .execute(Tuple.of(UUID.randomUUID(), webhook.businessId(), leadId, messageId))
                    .await().indefinitely();
            String body = V4Deliveries.proMessage(webhook.businessId(), leadId, messageId, "Booked").toString();
            echo = CompletableFuture.supplyAsync(() -> webhook.post().body(body).post("/v4/webhooks"));
            await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from pg_locks"
                    + " where locktype = 'advisory' and not granted") > 0);
            tx.commit().await().indefinitely();
        } finally {
            outbox.close().await().indefinitely();
        }

        Response answer = echo.get(15, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("status")).isEqualTo("duplicate");
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isZero();
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isZero();
    }

    private String proMessage(Webhook webhook, String leadId, String text) {
        String messageId = Fixtures.newId();
        webhook.post().body(V4Deliveries.proMessage(webhook.businessId(), leadId, messageId, text).toString())
                .post("/v4/webhooks").then().statusCode(200);
        return messageId;
    }

    private void outbound(String businessId, String leadId, String text, String status, int attempts, Duration lease,
            String thumbtackMessageId) {
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " lease_until, created_at, updated_at, thumbtack_message_id) values ($1, $2, $3, $4, $5, $6,"
                // not due: the outbox worker leaves it alone while the test runs
                + " now() + interval '1 hour',"
                + " now() + $7::int * interval '1 second', now(), now(), $8)", UUID.randomUUID(), businessId, leadId, text, status,
                attempts, lease == null ? null : (int) lease.toSeconds(), thumbtackMessageId);
    }
}
