package io.ttgateway.feed;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Api;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStreamTest {

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    @Inject
    Db db;

    /** Reads SSE frames until {@code count} events arrived; returns their "id" and "event" lines. */
    private CompletableFuture<List<String[]>> subscribe(String lastEventId, int count) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("partner:" + Api.PARTNER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            List<String[]> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                String line;
                while (events.size() < count && (line = reader.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.isEmpty() && id != null) {
                        events.add(new String[] {id, name});
                        id = null;
                        name = null;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return events;
        });
    }

    @Test
    void deliversANewEventLiveAndResumesFromLastEventId() throws Exception {
        long start = db.count("select coalesce(max(id), 0) from event");
        CompletableFuture<List<String[]>> live = subscribe(String.valueOf(start), 1);
        Thread.sleep(300);
        String first = Fixtures.newId();
        thumbtack().body(Fixtures.lead(first, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        List<String[]> got = live.get(10, TimeUnit.SECONDS);
        long firstEventId = db.count("select id from event where lead_id = $1", first);
        assertThat(got.get(0)[0]).isEqualTo(String.valueOf(firstEventId));
        assertThat(got.get(0)[1]).isEqualTo("lead.received");

        // a reconnect after the first event gets the next one, not the first again
        String second = Fixtures.newId();
        thumbtack().body(Fixtures.lead(second, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        long secondEventId = db.count("select id from event where lead_id = $1", second);
        List<String[]> resumed = subscribe(String.valueOf(firstEventId), 1).get(10, TimeUnit.SECONDS);
        assertThat(resumed.get(0)[0]).isEqualTo(String.valueOf(secondEventId));
    }

    @Test
    void manySubscribersAllReceiveTheSameEvent() throws Exception {
        long start = db.count("select coalesce(max(id), 0) from event");
        List<CompletableFuture<List<String[]>>> subscribers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            subscribers.add(subscribe(String.valueOf(start), 1));
        }
        Thread.sleep(300);
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        long eventId = db.count("select id from event where lead_id = $1", leadId);
        for (CompletableFuture<List<String[]>> subscriber : subscribers) {
            assertThat(subscriber.get(10, TimeUnit.SECONDS).get(0)[0]).isEqualTo(String.valueOf(eventId));
        }
    }
}
