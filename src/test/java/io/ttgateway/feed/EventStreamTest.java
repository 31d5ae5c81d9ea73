package io.ttgateway.feed;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.FeedReader;
import io.ttgateway.support.FeedReader.Delivered;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStreamTest {

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    @Inject
    Db db;

    private static Predicate<List<Delivered>> hasLead(String leadId) {
        return got -> got.stream().anyMatch(e -> leadId.equals(e.leadId()));
    }

    private static Delivered of(List<Delivered> got, String leadId) {
        return got.stream().filter(e -> leadId.equals(e.leadId())).findFirst().orElseThrow();
    }

    private long eventId(String leadId) {
        return db.count("select id from event where lead_id = $1", leadId);
    }

    @Test
    void deliversANewEventLiveAndResumesFromItsSseId() throws Exception {
        FeedReader tail = FeedReader.atTail(db);
        String first = Fixtures.newId();
        CompletableFuture<List<Delivered>> live = FeedReader.stream(stream, tail.cursor(), hasLead(first));
        thumbtack().body(Fixtures.lead(first, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        Delivered got = of(live.get(10, TimeUnit.SECONDS), first);
        assertThat(got.id()).isEqualTo(eventId(first));
        assertThat(got.type()).isEqualTo("lead.received");

        // a reconnect with the first event's SSE id gets what came after it, never the first again
        String second = Fixtures.newId();
        thumbtack().body(Fixtures.lead(second, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        List<Delivered> resumed = FeedReader.stream(stream, got.cursor(), hasLead(second)).get(10, TimeUnit.SECONDS);
        assertThat(resumed).extracting(Delivered::leadId).doesNotContain(first);
        assertThat(of(resumed, second).id()).isEqualTo(eventId(second));
    }

    @Test
    void aBareEventIdAsLastEventIdStillResumesAfterThatEvent() throws Exception {
        FeedReader.atTail(db);
        String first = Fixtures.newId();
        String second = Fixtures.newId();
        thumbtack().body(Fixtures.lead(first, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        thumbtack().body(Fixtures.lead(second, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        List<Delivered> resumed = FeedReader.stream(stream, String.valueOf(eventId(first)), hasLead(second))
                .get(10, TimeUnit.SECONDS);
        assertThat(resumed).extracting(Delivered::leadId).doesNotContain(first);
        assertThat(of(resumed, second).id()).isEqualTo(eventId(second));
    }

    @Test
    void manySubscribersAllReceiveTheSameEvent() throws Exception {
        FeedReader tail = FeedReader.atTail(db);
        String leadId = Fixtures.newId();
        List<CompletableFuture<List<Delivered>>> subscribers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            subscribers.add(FeedReader.stream(stream, tail.cursor(), hasLead(leadId)));
        }
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        long eventId = eventId(leadId);
        for (CompletableFuture<List<Delivered>> subscriber : subscribers) {
            assertThat(of(subscriber.get(10, TimeUnit.SECONDS), leadId).id()).isEqualTo(eventId);
        }
    }

    /**
     * A lead's payload is stored as the text it came in, less the whitespace between its tokens: a body
     * written over many lines still reaches the stream as one data line per event, as every other event
     * (SSE would split its lines into data lines that a client joins again, but a reader going line by
     * line would not), and means what the body meant.
     */
    @Test
    void aLeadPostedOverManyLinesIsStreamedAsOneDataLine() throws Exception {
        FeedReader tail = FeedReader.atTail(db);
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        String pretty = Fixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(lead).replace("\n", "\r\n\t");
        CompletableFuture<List<String>> streamed = FeedReader.streamedLines(stream, tail.cursor(), leadId);

        thumbtack().body(pretty).post("/v1/lead").then().statusCode(200);

        List<String> lines = streamed.get(10, TimeUnit.SECONDS);
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(data).as("the event's lines: %s", lines).hasSize(1);
        JsonNode event = Fixtures.JSON.readTree(data.get(0).substring("data:".length()));
        assertThat(event.get("leadId").asText()).isEqualTo(leadId);
        assertThat(event.get("data")).isEqualTo(lead);
    }
}
