package io.ttgateway.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Cursors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Paged reads of the event log, and the live stream built on the replica's shared tick. */
@ApplicationScoped
public class EventFeedService {

    private final EventFeedRepository repository;
    private final EventTicker ticker;
    private final FeedConfig config;

    EventFeedService(EventFeedRepository repository, EventTicker ticker, FeedConfig config) {
        this.repository = repository;
        this.ticker = ticker;
        this.config = config;
    }

    public Uni<EventPage> page(String after, Integer limit) {
        long afterId = parseAfter(after, "after");
        int size = Cursors.limit(limit, 100, config.maxPage());
        return repository.after(afterId, size).map(items -> new EventPage(items,
                String.valueOf(items.isEmpty() ? afterId : items.get(items.size() - 1).id())));
    }

    /**
     * Every settled event after {@code afterId}, then live ones as they settle. Each subscriber keeps
     * its own cursor; the replica's ticker tells all of them the newest settled id, so an idle stream
     * costs no query of its own.
     */
    public Multi<FeedEvent> stream(long afterId) {
        AtomicLong cursor = new AtomicLong(afterId);
        return ticker.highWaterMarks()
                .onOverflow().dropPreviousItems()
                .filter(mark -> mark > cursor.get())
                .concatMap(mark -> drain(cursor));
    }

    private Multi<FeedEvent> drain(AtomicLong cursor) {
        int size = config.maxPage();
        return Multi.createBy().repeating()
                .uni(() -> repository.after(cursor.get(), size).invoke(page -> {
                    if (!page.isEmpty()) {
                        cursor.set(page.get(page.size() - 1).id());
                    }
                }))
                .whilst(page -> page.size() == size)
                .onItem().transformToIterable(page -> (List<FeedEvent>) page);
    }

    public static long parseAfter(String value, String field) {
        return Cursors.nonNegativeLong(value, field);
    }
}
