package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ttgateway.support.Answers;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.support.V4Deliveries.Webhook;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad v4 deliveries: 400 naming the field, 413, 415; nothing stored, never 500. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4BadInputTest {

    @Inject
    Db db;

    @Inject
    V4Deliveries deliveries;

    private static Arguments bad(String what, Function<String, ObjectNode> body, Consumer<ObjectNode> change,
            String field) {
        return Arguments.of(what, body, change, field);
    }

    static Stream<Arguments> badDeliveries() {
        Function<String, ObjectNode> lead = business -> V4Deliveries.negotiation(business, Fixtures.newId());
        Function<String, ObjectNode> message = business -> V4Deliveries.customerMessage(Fixtures.newId(),
                Fixtures.newId());
        Function<String, ObjectNode> review = business -> V4Deliveries.review(Fixtures.newId());
        return Stream.of(
                bad("no event type", lead, b -> ((ObjectNode) b.get("event")).remove("eventType"), "event.eventType"),
                bad("no event", lead, b -> b.remove("event"), "event"),
                bad("no data", lead, b -> b.remove("data"), "data"),
                bad("data not an object", lead, b -> b.put("data", "x"), "data"),
                bad("data an array", lead, b -> b.putArray("data").add(1), "data"),
                bad("data null", lead, b -> b.putNull("data"), "data"),
                bad("neither event nor data", lead, b -> b.remove(List.of("event", "data")), "data"),
                bad("no negotiationID", lead, b -> V4Deliveries.data(b).remove("negotiationID"), "data.negotiationID"),
                bad("a bad createdAt", lead, b -> V4Deliveries.data(b).put("createdAt", "yesterday"), "data.createdAt"),
                bad("a detail without answer", lead,
                        b -> ((ObjectNode) b.get("data").get("request").get("details").get(0)).remove("answer"),
                        "data.request.details[0].answer"),
                bad("no messageID", message, b -> V4Deliveries.data(b).remove("messageID"), "data.messageID"),
                bad("no negotiationID of a message", message, b -> V4Deliveries.data(b).remove("negotiationID"),
                        "data.negotiationID"),
                bad("from nobody", message, b -> V4Deliveries.data(b).put("from", "Robot"), "data.from"),
                bad("a NUL character in a text", message, b -> V4Deliveries.data(b).put("text", "fridge\u0000"),
                        "data.text"),
                bad("no reviewID", review, b -> V4Deliveries.data(b).remove("reviewID"), "data.reviewID"),
                bad("no rating", review, b -> V4Deliveries.data(b).remove("rating"), "data.rating"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeliveries")
    void aBadDeliveryIs400NamingTheField(String what, Function<String, ObjectNode> make, Consumer<ObjectNode> change,
            String field) {
        Webhook webhook = deliveries.register();
        ObjectNode body = make.apply(webhook.businessId());
        change.accept(body);

        Response answer = webhook.post().body(body.toString()).post("/v4/webhooks");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.jsonPath().getList("details.field", String.class)).contains(field);
        Answers.assertNoInternals(answer.asString());
        assertNothingStoredFor(webhook);
    }

    @Test
    void malformedJsonIs400AndCountedAsInvalid() {
        Webhook webhook = deliveries.register();
        double before = Metrics.webhooks("v4", "invalid");

        webhook.post().body("{\"event\": ").post("/v4/webhooks").then().statusCode(400);

        assertThat(Metrics.webhooks("v4", "invalid")).isEqualTo(before + 1);
        assertNothingStoredFor(webhook);
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        Webhook webhook = deliveries.register();
        ObjectNode body = V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId());
        body.put("padding", "x".repeat(1024 * 1024));

        // The server refuses an over-limit body as soon as it sees its Content-Length and closes the
        // connection; a client still writing the body would see a broken pipe instead of the 413. With
        // Expect: 100-continue the client waits for that answer before sending the body.
        webhook.post().header("Expect", "100-continue").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v4/webhooks").then().statusCode(413);
        assertNothingStoredFor(webhook);
    }

    @Test
    void aWrongContentTypeIs415() {
        Webhook webhook = deliveries.register();
        webhook.post().contentType(ContentType.TEXT)
                .body(V4Deliveries.negotiation(webhook.businessId(), Fixtures.newId()).toString())
                .post("/v4/webhooks").then().statusCode(415);
        assertNothingStoredFor(webhook);
    }

    private void assertNothingStoredFor(Webhook webhook) {
        assertThat(db.count("select (select count(*) from lead where business_id = $1)"
                + " + (select count(*) from message where business_id = $1)"
                + " + (select count(*) from review where business_id = $1)"
                + " + (select count(*) from v4_delivery where business_id = $1)"
                + " + (select count(*) from event where business_id = $1)", webhook.businessId())).isZero();
    }
}
