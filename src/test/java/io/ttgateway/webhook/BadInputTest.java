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
import io.ttgateway.support.Api;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.UnfinishedChunkedPost;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad webhook input: 400 naming the JSON path of each bad field, 413, 415; never 500, never a stack
 * trace or class name, and nothing stored for a rejected payload.
 */
@QuarkusTest
class BadInputTest {

    @Inject
    Db db;

    /** A change to an otherwise valid lead, the fields the answer must name, and a word its first message says. */
    record BadLead(String name, Consumer<ObjectNode> change, List<String> fields, String firstMessageSays) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadLead> badLeads() {
        return Stream.of(
                new BadLead("a missing zip code is named by its path",
                        lead -> location(lead).remove("zipCode"), List.of("request.location.zipCode"), ""),
                new BadLead("missing fields at every depth are all named", lead -> {
                    lead.remove("createTimestamp");
                    ((ObjectNode) lead.get("customer")).remove("customerID");
                    ((ObjectNode) lead.get("request")).remove("categoryID");
                    ((ObjectNode) lead.get("request").get("details").get(1)).remove("answer");
                    ((ObjectNode) lead.get("request").get("attachments").get(0)).remove("fileName");
                }, List.of("createTimestamp", "customer.customerID", "request.attachments[0].fileName",
                        "request.categoryID", "request.details[1].answer"), ""),
                new BadLead("a missing object is named", lead -> lead.remove("business"), List.of("business"), ""),
                new BadLead("a null list element is named",
                        lead -> ((ArrayNode) lead.get("request").get("details")).addNull(),
                        List.of("request.details[2]"), ""),
                new BadLead("an instant-book lead needs a street address",
                        lead -> location(lead).remove("address1"), List.of("request.location.address1"), ""),
                new BadLead("a wrong type deep inside is named",
                        lead -> attachment(lead).put("fileSize", "big"),
                        List.of("request.attachments[0].fileSize"), "number"),
                new BadLead("a string where an object belongs is named", lead -> lead.put("request", "x"),
                        List.of("request"), "object"),
                new BadLead("a string where an array belongs is named",
                        lead -> ((ObjectNode) lead.get("request")).put("details", "none"),
                        List.of("request.details"), ""),
                new BadLead("a timestamp that is not digits is rejected",
                        lead -> lead.put("createTimestamp", "yesterday"), List.of("createTimestamp"), ""),
                new BadLead("a number too large for its field is named",
                        lead -> attachment(lead).put("fileSize", new BigInteger("99999999999999999999999")),
                        List.of("request.attachments[0].fileSize"), ""),
                new BadLead("a text NUL character is rejected, not answered 503",
                        lead -> ((ObjectNode) lead.get("request")).put("description", "stain\u0000on the door"),
                        List.of("request.description"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLeads")
    void aBadLeadIs400NamingEachBadFieldAndNothingIsStored(BadLead bad) {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        bad.change().accept(lead);

        JsonPath body = assertRejected(postLead(lead.toString()), 400, bad.fields().toArray(String[]::new));
        assertThat(body.getString("details[0].message")).contains(bad.firstMessageSays());
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

    static Stream<Arguments> bodiesThatAreNoLead() {
        String lead = Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString();
        return Stream.of(
                Arguments.of("truncated JSON", lead.substring(0, lead.length() / 2), List.of()),
                Arguments.of("a missing comma", "{\"leadID\": \"1\" \"x\": 2}", List.of()),
                Arguments.of("trailing garbage after the object", lead + " {\"leadID\": \"2\"}", List.of()),
                Arguments.of("an empty body", "", List.of("$")),
                Arguments.of("only white space", "  \n", List.of("$")),
                Arguments.of("an array", "[" + lead + "]", List.of("$")),
                Arguments.of("null", "null", List.of("$")),
                Arguments.of("a string", "\"a string\"", List.of("$")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesThatAreNoLead")
    void aBodyThatIsNoJsonObjectIs400AndNothingIsStored(String name, String body, List<String> fields) {
        long leads = db.count("select count(*) from lead");

        assertRejected(postLead(body), 400, fields.toArray(String[]::new));
        assertRejected(thumbtack().body(body).put("/v1/lead/update"), 400, fields.toArray(String[]::new));
        assertThat(db.count("select count(*) from lead")).isEqualTo(leads);
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.put("padding", "x".repeat(1024 * 1024));

        // The server refuses an over-limit body as soon as it sees its Content-Length and closes the
        // connection; a client still writing the body would see a broken pipe instead of the 413. With
        // Expect: 100-continue the client waits for that answer before sending the body.
        JsonPath body = assertRejected(thumbtack().header("Expect", "100-continue").body(lead.toString())
                .post("/v1/lead"), 413);
        assertThat(body.getString("error")).contains("1048576");
        assertNothingStoredFor(leadId);
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        lead.put("padding", "");
        lead.put("padding", "x".repeat(1024 * 1024 + 1 - lead.toString().length()));
        byte[] bytes = lead.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(1024 * 1024 + 1);

        // Chunked, without Content-Length: the server finds the limit while reading, on the last byte.
        assertThat(UnfinishedChunkedPost.status("/v1/lead", "thumbtack", Api.WEBHOOK_PASSWORD, bytes)).isEqualTo(413);
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
    void anUnknownPathIs404AndAWrongMethodIs405WithoutInternals() {
        Response unknown = thumbtack().body("{}").post("/v1/leads");
        assertThat(unknown.statusCode()).isEqualTo(404);
        Answers.assertNoInternals(unknown.asString());

        Response wrongMethod = thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()).put("/v1/lead");
        assertRejected(wrongMethod, 405);
    }

    private static ObjectNode attachment(ObjectNode lead) {
        return (ObjectNode) lead.get("request").get("attachments").get(0);
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
