package io.ttgateway.feed;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Cursors;
import io.ttgateway.feed.FeedPosition.Cursor;
import io.ttgateway.telemetry.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Paged reads of the event log, and the live stream built on the replica's shared tick. */
@ApplicationScoped
public class EventFeedService {

    /** An event with the cursor that resumes right after it (the SSE id). */
    public record Positioned(FeedEvent event, String cursor) {}

    private static final AttributeKey<String> FEED_MODE = AttributeKey.stringKey("thumbtack.feed.mode");

    private final EventFeedRepository repository;
    private final EventTicker ticker;
    private final FeedConfig config;
    private final Traces traces;

    EventFeedService(EventFeedRepository repository, EventTicker ticker, FeedConfig config, Traces traces) {
        this.traces = traces;
        this.repository = repository;
        this.ticker = ticker;
        this.config = config;
    }

    public Uni<EventPage> page(Cursor after, Integer limit) {
        int size = Cursors.limit(limit, 100, config.maxPage());
        return position(after).flatMap(from -> read(Context.current(), "page", from, size).map(items -> {
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
        Context stream = Context.current();
        return ticker.highWaterMarks()
                .onOverflow().dropPreviousItems()
                .filter(mark -> cursor.get().isBefore(mark.txId(), mark.id()))
                .concatMap(mark -> drain(stream, cursor, mark));
    }

    /**
     * Reads pages until a short one. Every event up to {@code mark} had settled before the first read, so
     * a short page means the reader has passed the mark even if the last events were below its floor:
     * moving the cursor to the mark keeps such a reader from re-reading that stretch on every tick.
     */
    private Multi<Positioned> drain(Context stream, AtomicReference<FeedPosition> cursor, FeedPosition mark) {
        int size = config.maxPage();
        return Multi.createBy().repeating()
                .uni(() -> read(stream, "stream", cursor.get(), size).map(page -> {
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

    /**
     * One read of the event log as a span, child of the page request or of the SSE stream's request; it
     * names how many events it read and their leads.
     */
    private Uni<List<FeedEvent>> read(Context parent, String mode, FeedPosition from, int size) {
        return traces.span("feed.read", parent, span -> span.setAttribute(FEED_MODE, mode),
                () -> repository.after(from, size), (span, events) -> span
                        .setAttribute(Traces.EVENTS, (long) events.size())
                        .setAttribute(Traces.LEAD_IDS, events.stream().map(FeedEvent::leadId)
                                .filter(Objects::nonNull).distinct().toList()));
    }
}
