package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.FeedPages;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unknown fields and enum values are accepted and kept; the raw payload is stored unchanged. */
@QuarkusTest
class RawPayloadTest {

    @Inject
    Db db;

    @Test
    void unknownFieldsAtAnyDepthAreAcceptedAndKept() throws Exception {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.putObject("futureField").put("nested", true).putArray("list").add(1).add("two");
        ((ObjectNode) lead.get("request").get("location")).put("county", "Santa Clara");
        ((ObjectNode) lead.get("request").get("attachments").get(0)).put("checksum", "abc123");

        thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(200);

        String raw = db.one("select payload::text from lead where lead_id = $1", leadId).getString(0);
        assertThat(Fixtures.JSON.readTree(raw)).isEqualTo(lead);
        // the lead.received event is served with the lead's payload, unknown fields included
        long eventId = db.count("select id from event where lead_id = $1 and type = 'lead.received'", leadId);
        String page = FeedPages.firstAfter(eventId - 1, 1);
        assertThat(Fixtures.JSON.readTree(page).at("/items/0/data")).isEqualTo(lead);
    }

    @Test
    void anUnknownLeadTypeWithoutStreetAddressIsAcceptedAndKept() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId()).put("leadType", "SOMETHING_NEW");
        ((ObjectNode) lead.get("request").get("location")).remove("address1");
        ((ObjectNode) lead.get("request").get("location")).remove("address2");

        thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(200);

        Row row = db.one("select lead_type, address1, payload->>'leadType' from lead where lead_id = $1", leadId);
        assertThat(row.getString(0)).isEqualTo("SOMETHING_NEW");
        assertThat(row.getString(1)).isNull();
        assertThat(row.getString(2)).isEqualTo("SOMETHING_NEW");
    }

    @Test
    void theUpdateSampleIsKeptWithoutItsTrailingCommaButOtherwiseUnchanged() throws Exception {
        String leadId = Fixtures.newId();
        String sample = Fixtures.text("lead-update.json").replace("465324000282984455", leadId);

        thumbtack().body(sample).put("/v1/lead/update").then().statusCode(202);

        String raw = db.one("select raw::text from lead_update where lead_id = $1", leadId).getString(0);
        assertThat(Fixtures.JSON.readTree(raw)).isEqualTo(Fixtures.JSON.readTree(sample));
    }

    @Test
    void idsSentAsJsonNumbersAreStoredAsTheExactDigits() {
        // 18 digits lose their last digits in a double; 20 digits do not fit a long.
        String businessId = "98765432109876543210";
        String unique = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(unique, Fixtures.newId());
        lead.put("leadID", new BigInteger(unique));
        ((ObjectNode) lead.get("business")).put("businessID", new BigInteger(businessId));
        assertThat(lead.toString()).contains("\"leadID\":" + unique).contains("\"businessID\":" + businessId);
        assertThat(unique).hasSize(18);

        thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(200);

        Row row = db.one("select lead_id, business_id, payload->>'leadID', json_typeof(payload->'leadID') from lead where lead_id = $1",
                unique);
        assertThat(row.getString(0)).isEqualTo(unique);
        assertThat(row.getString(1)).isEqualTo(businessId);
        assertThat(row.getString(2)).isEqualTo(unique);
        assertThat(row.getString(3)).isEqualTo("number");
        assertThat(db.one("select business_id from event where lead_id = $1", unique).getString(0)).isEqualTo(businessId);
    }

    @Test
    void aMessageIdSentAsANumberIsStoredAsItsDigits() {
        String messageId = Fixtures.newId();
        ObjectNode message = Fixtures.message(Fixtures.newId(), messageId);
        ((ObjectNode) message.get("message")).put("messageID", new BigInteger(messageId));

        thumbtack().body(message.toString()).post("/v1/message").then().statusCode(202);

        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isEqualTo(1);
    }

    @Test
    void numbersInTheRawPayloadKeepEveryDigit() {
        String reviewId = Fixtures.newId();
        ObjectNode review = Fixtures.review(reviewId);
        review.put("futureAmount", new BigDecimal("12345678901234567890.123456789012345678901"));
        review.put("futureCount", new BigInteger("123456789012345678901234567890"));
        review.put("futureRatio", new BigDecimal("0.10"));

        thumbtack().body(review.toString()).post("/v1/review").then().statusCode(200);

        Row row = db.one("select raw->>'futureAmount', raw->>'futureCount', raw->>'futureRatio' from review "
                + "where review_id = $1", reviewId);
        assertThat(row.getString(0)).isEqualTo("12345678901234567890.123456789012345678901");
        assertThat(row.getString(1)).isEqualTo("123456789012345678901234567890");
        assertThat(row.getString(2)).isEqualTo("0.10");
    }

    @Test
    void unknownFieldsOfMessagesReviewsAndUpdatesAreKept() {
        String messageId = Fixtures.newId();
        ObjectNode message = Fixtures.message(Fixtures.newId(), messageId);
        ((ObjectNode) message.get("message")).put("channel", "sms");
        thumbtack().body(message.toString()).post("/v1/message").then().statusCode(202);
        assertThat(db.one("select raw#>>'{message,channel}' from message where message_id = $1", messageId).getString(0))
                .isEqualTo("sms");

        String reviewId = Fixtures.newId();
        ObjectNode review = Fixtures.review(reviewId).put("reviewEventType", "REVIEW_EDITED");
        ((ObjectNode) review.get("review")).put("response", "thanks");
        thumbtack().body(review.toString()).post("/v1/review").then().statusCode(200);
        Row row = db.one("select review_event_type, raw#>>'{review,response}' from review where review_id = $1", reviewId);
        assertThat(row.getString(0)).isEqualTo("REVIEW_EDITED");
        assertThat(row.getString(1)).isEqualTo("thanks");

        String leadId = Fixtures.newId();
        JsonNode update = Fixtures.json("lead-update.json").put("leadID", leadId).put("chargeState", "REFUNDED")
                .put("reason", "customer cancelled");
        thumbtack().body(update.toString()).put("/v1/lead/update").then().statusCode(202);
        Row kept = db.one("select charge_state, raw->>'reason' from lead_update where lead_id = $1", leadId);
        assertThat(kept.getString(0)).isEqualTo("REFUNDED");
        assertThat(kept.getString(1)).isEqualTo("customer cancelled");
    }

    static Stream<Arguments> unusualTexts() {
        return Stream.of(
                Arguments.of("escapes", "\"a \\\"quote\\\", a \\\\ backslash, a \\/ slash,\\n\\t\""),
                Arguments.of("characters beyond the BMP", "\"\uD83D\uDE42 \uD834\uDD1E\""),
                Arguments.of("an escaped accent", "\"caf\\u00e9\""),
                Arguments.of("an escaped lone surrogate", "\"\\ud800\""),
                Arguments.of("a byte order mark in a text", "\"\uFEFFx\""),
                Arguments.of("a key given twice", "1, \"futureText\": 2"),
                Arguments.of("trailing commas", "[1, 2, {\"a\": 3, },\n]"),
                Arguments.of("a key given twice, first with a number beyond numeric", "1e131072, \"futureText\": 0"),
                Arguments.of("a number with an exponent", "[1e5, 2.5E-3]"),
                Arguments.of("numbers in every notation", "[-0, 1E2, 1.0e-2, 0.50, 12345678901234567890]"));
    }

    /** Whatever the body's layout and escapes, the stored raw payload is the value the parser read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualTexts")
    void aBodyIsStoredAsTheValueItsJsonMeans(String what, String futureText) throws Exception {
        String leadId = Fixtures.newId();
        String pretty = Fixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                Fixtures.lead(leadId, Fixtures.newId()));
        String body = "{\n  \"futureText\" : " + futureText + ",\n" + pretty.substring(1);

        thumbtack().body(body).post("/v1/lead").then().statusCode(200);

        String read = Fixtures.JSON.readTree(body).toString();
        assertThat(db.count("select count(*) from lead where lead_id = $1 and payload::jsonb = $2::text::jsonb", leadId,
                read)).as("the stored raw payload equals the parsed body").isEqualTo(1);
        String stored = db.one("select payload::text from lead where lead_id = $1", leadId).getString(0);
        assertThat(stored).as("stored on one line").doesNotContain("\n").doesNotContain("\r");
    }
}
