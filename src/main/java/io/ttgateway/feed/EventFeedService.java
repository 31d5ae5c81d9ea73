package io.ttgateway.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Cursors;
import io.ttgateway.feed.FeedPosition.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Paged reads of the event log, and the live stream built on the replica's shared tick. */
@ApplicationScoped
public class EventFeedService {

    /** An event with the cursor that resumes right after it (the SSE id). */
    public record Positioned(FeedEvent event, String cursor) {}

    private final EventFeedRepository repository;
    private final EventTicker ticker;
    private final FeedConfig config;

    EventFeedService(EventFeedRepository repository, EventTicker ticker, FeedConfig config) {
        this.repository = repository;
        this.ticker = ticker;
        this.config = config;
    }

    public Uni<EventPage> page(Cursor after, Integer limit) {
        int size = Cursors.limit(limit, 100, config.maxPage());
        return position(after).flatMap(from -> repository.after(from, size).map(items -> {
            FeedPosition next = items.isEmpty() ? from : from.after(items.get(items.size() - 1));
            return new EventPage(items, next.encode());
        }));
    }

    /** Where a cursor handed back by a client points (a bare event id of old is looked up once). */
    public Uni<FeedPosition> position(Cursor cursor) {
        return cursor.match(position -> Uni.createFrom().item(position), repository::fromLegacyId);
    }

    /**
     * Every settled event after {@code from}, then live ones as they settle. Each subscriber keeps its own
     * position; the replica's ticker tells all of them the newest settled position, so an idle stream
     * costs no query of its own.
     */
    public Multi<Positioned> stream(FeedPosition from) {
        AtomicReference<FeedPosition> cursor = new AtomicReference<>(from);
        return ticker.highWaterMarks()
                .onOverflow().dropPreviousItems()
                .filter(mark -> cursor.get().isBefore(mark.txId(), mark.id()))
                .concatMap(mark -> drain(cursor, mark));
    }

    /**
     * Reads pages until a short one. Every event up to {@code mark} had settled before the first read, so
     * a short page means the reader has passed the mark even if the last events were below its floor:
     * moving the cursor to the mark keeps such a reader from re-reading that stretch on every tick.
     */
    private Multi<Positioned> drain(AtomicReference<FeedPosition> cursor, FeedPosition mark) {
        int size = config.maxPage();
        return Multi.createBy().repeating()
                .uni(() -> repository.after(cursor.get(), size).map(page -> {
                    List<Positioned> positioned = new ArrayList<>(page.size());
                    FeedPosition position = cursor.get();
                    for (FeedEvent event : page) {
                        position = position.after(event);
                        positioned.add(new Positioned(event, position.encode()));
                    }
                    if (page.size() < size && position.isBefore(mark.txId(), mark.id())) {
                        position = position.at(mark.txId(), mark.id());
                    }
                    cursor.set(position);
                    return positioned;
                }))
                .whilst(page -> page.size() == size)
                .onItem().transformToIterable(page -> page);
    }
}
