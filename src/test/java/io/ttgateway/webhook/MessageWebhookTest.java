package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /v1/message: 200 for a known lead, 202 (stored all the same) for an unknown one, once per messageID. */
@QuarkusTest
class MessageWebhookTest {

    @Inject
    Db db;

    @Test
    void aMessageForAnUnknownLeadIsStoredAndAnswered202() {
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();

        post(Fixtures.message(leadId, messageId).toString()).then().statusCode(202)
                .body("status", equalTo("accepted; lead not known yet"));

        Row row = db.one("select * from message where message_id = $1", messageId);
        assertThat(row.getString("lead_id")).isEqualTo(leadId);
        assertThat(row.getString("customer_id")).isEqualTo("331138063184986319");
        assertThat(row.getString("business_id")).isEqualTo("286845156044809661");
        assertThat(row.getString("text")).isEqualTo("Do you offer fridge cleaning or is that extra?");
        assertThat(row.getOffsetDateTime("created_at").toEpochSecond()).isEqualTo(1498760294L);
        assertThat(row.getOffsetDateTime("received_at")).isNotNull();
        Row attachment = db.one("select * from message_attachment where message_id = $1", messageId);
        assertThat(attachment.getString("file_name")).isEqualTo("fridge.jpg");
        assertThat(attachment.getLong("file_size")).isEqualTo(3940L);
        assertThat(attachment.getString("mime_type")).isEqualTo("image/jpeg");
        assertThat(attachment.getString("description")).isEqualTo("refrigerator");
        Row event = db.one("select type, business_id, data#>>'{message,messageID}' from event where lead_id = $1", leadId);
        assertThat(event.getString(0)).isEqualTo("message.received");
        assertThat(event.getString(1)).isEqualTo("286845156044809661");
        assertThat(event.getString(2)).isEqualTo(messageId);
    }

    @Test
    void aMessageStoredBeforeItsLeadShowsOnTheLeadOnceItArrives() {
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        post(Fixtures.message(leadId, messageId).toString()).then().statusCode(202);

        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        assertThat(db.rows("select m.message_id from lead l join message m on m.lead_id = l.lead_id where l.lead_id = $1",
                leadId)).extracting(r -> r.getString(0)).containsExactly(messageId);
        // A redelivery now that the lead is known: answered 200, still one row.
        post(Fixtures.message(leadId, messageId).toString()).then().statusCode(200).body("status", equalTo("duplicate"));
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
    }

    @Test
    void aMessageForAKnownLeadIsAnswered200() {
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        post(Fixtures.message(leadId, messageId).toString()).then().statusCode(200).body("status", equalTo("stored"));

        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
    }

    @Test
    void attachmentsAreStoredInTheOrderSent() {
        String messageId = Fixtures.newId();
        ObjectNode message = Fixtures.message(Fixtures.newId(), messageId);
        ArrayNode attachments = ((ObjectNode) message.get("message")).putArray("attachments");
        attachments.addObject().put("fileName", "c.png").put("fileSize", 3).put("mimeType", "image/png")
                .put("url", "https://example.test/c.png").put("description", "third letter");
        attachments.addObject().put("fileName", "a.pdf").put("fileSize", 1).put("mimeType", "application/pdf")
                .put("url", "https://example.test/a.pdf");
        attachments.addObject().put("fileName", "b.jpg").put("fileSize", 2_000_000_000_000L).put("mimeType", "image/jpeg")
                .put("url", "https://example.test/b.jpg").put("description", "");

        post(message.toString()).then().statusCode(202);

        List<Row> rows = db.rows("select position, file_name, file_size, mime_type, url, description "
                + "from message_attachment where message_id = $1 order by position", messageId);
        assertThat(rows).extracting(r -> r.getInteger(0)).containsExactly(0, 1, 2);
        assertThat(rows).extracting(r -> r.getString(1)).containsExactly("c.png", "a.pdf", "b.jpg");
        assertThat(rows).extracting(r -> r.getLong(2)).containsExactly(3L, 1L, 2_000_000_000_000L);
        assertThat(rows).extracting(r -> r.getString(3)).containsExactly("image/png", "application/pdf", "image/jpeg");
        assertThat(rows).extracting(r -> r.getString(4))
                .containsExactly("https://example.test/c.png", "https://example.test/a.pdf", "https://example.test/b.jpg");
        assertThat(rows).extracting(r -> r.getString(5)).containsExactly("third letter", null, "");
    }

    @Test
    void aMessageWithoutAttachmentsIsStored() {
        String messageId = Fixtures.newId();
        ObjectNode message = Fixtures.message(Fixtures.newId(), messageId);
        ((ObjectNode) message.get("message")).remove("attachments");

        post(message.toString()).then().statusCode(202);

        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from message_attachment where message_id = $1", messageId)).isZero();
    }

    @Test
    void aRepeatedMessageIsStoredOnce() {
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        String body = Fixtures.message(leadId, messageId).toString();

        post(body).then().statusCode(202);
        post(body).then().statusCode(202);

        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from message_attachment where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'message.received'", leadId))
                .isEqualTo(1);
    }

    @Test
    void twentyConcurrentIdenticalMessagesAreStoredOnce() throws Exception {
        String leadId = Fixtures.newId();
        String messageId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        String body = Fixtures.message(leadId, messageId).toString();

        List<Integer> statuses = Concurrently.statuses(20, () -> post(body).statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from message_attachment where message_id = $1", messageId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'message.received'", leadId))
                .isEqualTo(1);
    }

    private static Response post(String body) {
        return thumbtack().body(body).post("/v1/message");
    }
}
