package io.ttgateway.support;

import static io.ttgateway.support.Api.partner;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the event feed in tests. The feed shows only settled rows (older than every transaction still
 * running), so a row just committed can stay out of a page while any other transaction is open (the
 * outbox worker's, another test's): read until the page has items.
 */
public final class FeedPages {

    private FeedPages() {
    }

    /** The body of the first non-empty page after {@code after}, at most {@code limit} items. */
    public static String firstAfter(long after, int limit) {
        AtomicReference<String> body = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String page = partner().queryParam("after", after).queryParam("limit", limit).get("/api/v1/events")
                    .then().statusCode(200).extract().asString();
            body.set(page);
            return !new JsonPath(page).getList("items").isEmpty();
        });
        return body.get();
    }
}
