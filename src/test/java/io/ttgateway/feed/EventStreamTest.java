package io.ttgateway.feed;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

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
}
