package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ttgateway.support.Answers;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad webhook input: 400 naming the JSON path of each bad field, 413, 415; never 500, never a stack
 * trace or class name, and nothing stored for a rejected payload.
 */
@QuarkusTest
class BadInputTest {

    @Inject
    Db db;

    @Test
    void aMissingZipCodeIsNamedByItsPath() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        location(lead).remove("zipCode");

        assertRejected(postLead(lead.toString()), 400, "request.location.zipCode");
        assertNothingStoredFor(leadId);
    }

    @Test
    void missingFieldsAtEveryDepthAreAllNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.remove("createTimestamp");
        ((ObjectNode) lead.get("customer")).remove("customerID");
        ((ObjectNode) lead.get("request")).remove("categoryID");
        ((ObjectNode) lead.get("request").get("details").get(1)).remove("answer");
        ((ObjectNode) lead.get("request").get("attachments").get(0)).remove("fileName");

        assertRejected(postLead(lead.toString()), 400, "createTimestamp", "customer.customerID",
                "request.attachments[0].fileName", "request.categoryID", "request.details[1].answer");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aMissingObjectIsNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.remove("business");

        assertRejected(postLead(lead.toString()), 400, "business");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aNullListElementIsNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        ((ArrayNode) lead.get("request").get("details")).addNull();

        assertRejected(postLead(lead.toString()), 400, "request.details[2]");
        assertNothingStoredFor(leadId);
    }

    @Test
    void anInstantBookLeadNeedsAStreetAddress() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        location(lead).remove("address1");

        assertRejected(postLead(lead.toString()), 400, "request.location.address1");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aWrongTypeDeepInsideIsNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        ((ObjectNode) lead.get("request").get("attachments").get(0)).put("fileSize", "big");

        JsonPath body = assertRejected(postLead(lead.toString()), 400, "request.attachments[0].fileSize");
        assertThat(body.getString("details[0].message")).contains("number");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aStringWhereAnObjectBelongsIsNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.put("request", "x");

        JsonPath body = assertRejected(postLead(lead.toString()), 400, "request");
        assertThat(body.getString("details[0].message")).contains("object");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aStringWhereAnArrayBelongsIsNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        ((ObjectNode) lead.get("request")).put("details", "none");

        assertRejected(postLead(lead.toString()), 400, "request.details");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aTimestampThatIsNotDigitsIsRejected() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId()).put("createTimestamp", "yesterday");

        assertRejected(postLead(lead.toString()), 400, "createTimestamp");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aNegativeFileSizeIsRejected() {
        String messageId = Fixtures.newId();
        ObjectNode message = Fixtures.message(Fixtures.newId(), messageId);
        ((ObjectNode) message.get("message").get("attachments").get(0)).put("fileSize", -1);

        assertRejected(thumbtack().body(message.toString()).post("/v1/message"), 400, "message.attachments[0].fileSize");
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isZero();
    }

    @Test
    void eachWebhookChecksItsOwnRequiredFields() {
        String messageId = Fixtures.newId();
        ObjectNode message = Fixtures.message(Fixtures.newId(), messageId);
        message.remove("businessID");
        ((ObjectNode) message.get("message")).remove("text");
        assertRejected(thumbtack().body(message.toString()).post("/v1/message"), 400, "businessID", "message.text");
        assertThat(db.count("select count(*) from message where message_id = $1", messageId)).isZero();

        String reviewId = Fixtures.newId();
        ObjectNode review = Fixtures.review(reviewId);
        review.remove("reviewEventType");
        ((ObjectNode) review.get("review")).remove(List.of("rating", "verified"));
        ((ObjectNode) review.get("review").get("photos").get(0)).remove("url");
        assertRejected(thumbtack().body(review.toString()).post("/v1/review"), 400,
                "review.photos[0].url", "review.rating", "review.verified", "reviewEventType");
        assertThat(db.count("select count(*) from review where review_id = $1", reviewId)).isZero();

        ObjectNode update = Fixtures.json("lead-update.json");
        update.remove("leadID");
        assertRejected(thumbtack().body(update.toString()).put("/v1/lead/update"), 400, "leadID");
    }

    @Test
    void aBooleanThatIsNotABooleanIsNamed() {
        String reviewId = Fixtures.newId();
        ObjectNode review = Fixtures.review(reviewId);
        ((ObjectNode) review.get("review")).put("verified", "maybe");

        JsonPath body = assertRejected(thumbtack().body(review.toString()).post("/v1/review"), 400, "review.verified");
        assertThat(body.getString("details[0].message")).contains("boolean");
        assertThat(db.count("select count(*) from review where review_id = $1", reviewId)).isZero();
    }

    @Test
    void malformedJsonIs400() {
        String leadId = Fixtures.newId();
        String truncated = Fixtures.lead(leadId, Fixtures.newId()).toString();
        truncated = truncated.substring(0, truncated.length() / 2);

        assertRejected(postLead(truncated), 400);
        assertRejected(postLead("{\"leadID\": \"1\" \"x\": 2}"), 400);
        assertNothingStoredFor(leadId);
    }

    @Test
    void trailingGarbageAfterTheObjectIs400() {
        String leadId = Fixtures.newId();

        assertRejected(postLead(Fixtures.lead(leadId, Fixtures.newId()) + " {\"leadID\": \"2\"}"), 400);
        assertNothingStoredFor(leadId);
    }

    @Test
    void anEmptyBodyIs400() {
        assertRejected(postLead(""), 400, "$");
        assertRejected(thumbtack().body("  \n").put("/v1/lead/update"), 400, "$");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        String leadId = Fixtures.newId();
        ArrayNode array = Fixtures.JSON.createArrayNode().add(Fixtures.lead(leadId, Fixtures.newId()));

        assertRejected(postLead(array.toString()), 400, "$");
        assertRejected(postLead("null"), 400, "$");
        assertRejected(postLead("\"a string\""), 400, "$");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.put("padding", "x".repeat(1024 * 1024));

        JsonPath body = assertRejected(postLead(lead.toString()), 413);
        assertThat(body.getString("error")).contains("1048576");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.put("padding", "");
        // One byte over the limit, so the server finds it on the body's last byte: with more left to send,
        // the client could still be writing when the server answers 413 and closes, and would see a broken
        // pipe instead of the answer (a race of the test's client, not of the service).
        lead.put("padding", "x".repeat(1024 * 1024 + 1 - lead.toString().length()));
        byte[] bytes = lead.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(1024 * 1024 + 1);

        // An InputStream body is sent chunked, without Content-Length: the limit is found while reading.
        Response answer = thumbtack().body(new java.io.ByteArrayInputStream(bytes)).post("/v1/lead");

        assertThat(answer.statusCode()).isEqualTo(413);
        Answers.assertNoInternals(answer.asString());
        assertNothingStoredFor(leadId);
    }

    @Test
    void aBodyJustUnderOneMebibyteIsAccepted() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        int room = 1024 * 1024 - lead.toString().length() - 64;
        lead.put("padding", "x".repeat(room));

        postLead(lead.toString()).then().statusCode(200);
    }

    @Test
    void aWrongContentTypeIs415() {
        String leadId = Fixtures.newId();

        Response answer = thumbtack().contentType(ContentType.TEXT)
                .body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead");

        assertRejected(answer, 415);
        assertNothingStoredFor(leadId);
    }

    @Test
    void aNumberTooLargeForItsFieldIsNamed() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        ((ObjectNode) lead.get("request").get("attachments").get(0))
                .put("fileSize", new java.math.BigInteger("99999999999999999999999"));

        assertRejected(postLead(lead.toString()), 400, "request.attachments[0].fileSize");
        assertNothingStoredFor(leadId);
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405WithoutInternals() {
        Response unknown = thumbtack().body("{}").post("/v1/leads");
        assertThat(unknown.statusCode()).isEqualTo(404);
        Answers.assertNoInternals(unknown.asString());

        Response wrongMethod = thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()).put("/v1/lead");
        assertRejected(wrongMethod, 405);
    }

    @Test
    void aTextNulCharacterIsRejectedNotAnswered503() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        ((ObjectNode) lead.get("request")).put("description", "stain\u0000on the door");

        assertRejected(postLead(lead.toString()), 400, "request.description");
        assertNothingStoredFor(leadId);
    }

    private static ObjectNode location(ObjectNode lead) {
        return (ObjectNode) lead.get("request").get("location");
    }

    private static Response postLead(String body) {
        return thumbtack().body(body).post("/v1/lead");
    }

    /** Checks the status and the {"error", "details"} shape; returns the body for further checks. */
    private static JsonPath assertRejected(Response answer, int status, String... fields) {
        String text = answer.asString();
        assertThat(answer.statusCode()).as(text).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        Answers.assertNoInternals(text);
        JsonPath body = answer.jsonPath();
        assertThat(body.getString("error")).isNotBlank();
        List<Map<String, String>> details = body.getList("details");
        assertThat(details).extracting(d -> d.get("field")).containsExactly(fields);
        assertThat(details).allSatisfy(d -> assertThat(d.get("message")).isNotBlank());
        return body;
    }

    private void assertNothingStoredFor(String leadId) {
        assertThat(db.count("select count(*) from lead where lead_id = $1", leadId)).isZero();
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isZero();
    }
}
