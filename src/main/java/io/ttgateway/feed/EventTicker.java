package io.ttgateway.feed;

import io.smallrye.mutiny.Multi;
import io.ttgateway.common.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One poll of the event log per replica, shared by every live subscriber: each tick carries the
 * newest settled position of the feed. Polling (not LISTEN/NOTIFY) works unchanged across replicas and behind
 * transaction-pooling proxies, holds no dedicated connection, and costs the database one indexed
 * probe per interval whatever the number of subscribers. It runs only while someone listens.
 */
@ApplicationScoped
public class EventTicker {

    private final Multi<FeedPosition> marks;

    EventTicker(EventFeedRepository repository, FeedConfig config) {
        Duration interval = config.pollInterval();
        this.marks = Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> Deadlines.dbCall(repository.highWaterMark(), "feed probe")
                        .onFailure().recoverWithNull())
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
    }

    public Multi<FeedPosition> highWaterMarks() {
        return marks;
    }
}
