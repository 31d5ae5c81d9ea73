package io.ttgateway.support;

import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Reads the event feed as a partner's client does: pages followed by their opaque {@code nextCursor},
 * and the live stream resumed by its SSE {@code id:} lines. Knows nothing of what a cursor holds.
 */
public final class FeedReader {

    /** One delivered event: its feed fields and the cursor the feed gave for it (SSE) or its page. */
    public record Delivered(long id, String type, String leadId, String cursor) {}

    private String cursor;
    private final List<Delivered> seen = new ArrayList<>();

    private FeedReader(String cursor) {
        this.cursor = cursor;
    }

    /**
     * A reader starting after every event the feed shows now: it starts from the newest event id (a bare
     * id is a cursor the feed accepts) and reads to the end, so the test schema's history is not re-read.
     */
    public static FeedReader atTail(Db db) {
        FeedReader reader = new FeedReader(String.valueOf(db.count("select coalesce(max(id), 0) from event")));
        reader.drain(500);
        reader.seen.clear();
        return reader;
    }

    public static FeedReader after(String cursor) {
        return new FeedReader(cursor);
    }

    public String cursor() {
        return cursor;
    }

    public List<Delivered> seen() {
        return seen;
    }

    /** One page of at most {@code limit}; the events it held. */
    public List<Delivered> page(int limit) {
        var request = partner().queryParam("limit", limit);
        if (cursor != null) {
            request = request.queryParam("after", cursor);
        }
        JsonPath page = request.get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        List<Delivered> got = new ArrayList<>();
        String next = page.getString("nextCursor");
        assertThat(next).as("nextCursor").isNotNull();
        for (Map<String, Object> item : items) {
            got.add(new Delivered(((Number) item.get("id")).longValue(), (String) item.get("type"),
                    (String) item.get("leadId"), next));
        }
        cursor = next;
        seen.addAll(got);
        return got;
    }

    /** Pages until an empty one. */
    public List<Delivered> drain(int limit) {
        List<Delivered> got = new ArrayList<>();
        while (true) {
            List<Delivered> page = page(limit);
            if (page.isEmpty()) {
                return got;
            }
            got.addAll(page);
        }
    }

    /**
     * Subscribes to the live stream from {@code lastEventId} (null: from the start) and collects events
     * until {@code done} holds for what was collected (or the stream ends).
     */
    public static CompletableFuture<List<Delivered>> stream(URI streamUri, String lastEventId,
            Predicate<List<Delivered>> done) {
        return open(streamUri, lastEventId).thenApply(response -> {
            List<Delivered> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                String line;
                while (!done.test(events) && (line = reader.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && id != null) {
                        JsonPath event = new JsonPath(data.toString());
                        events.add(new Delivered(event.getLong("id"), event.getString("type"),
                                event.getString("leadId"), id));
                        id = null;
                        data.setLength(0);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return events;
        });
    }

    /**
     * The lines of the first event on the live stream from {@code lastEventId} whose lines mention
     * {@code text}, as the server wrote them (without the blank line that ends the event).
     */
    public static CompletableFuture<List<String>> streamedLines(URI streamUri, String lastEventId, String text) {
        return open(streamUri, lastEventId).thenApply(response -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                List<String> lines = new ArrayList<>();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    } else if (lines.stream().anyMatch(l -> l.contains(text))) {
                        return lines;
                    } else {
                        lines.clear();
                    }
                }
                throw new AssertionError("the stream ended before an event with " + text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static CompletableFuture<HttpResponse<InputStream>> open(URI streamUri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(streamUri)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("partner:" + Api.PARTNER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            return response;
        });
    }
}
