package io.ttgateway.feed;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.StorageUnavailableException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the event log for the feed through the reactive SQL client (the live stream polls outside
 * any request, where no Hibernate session exists).
 *
 * <p>Only "settled" rows are read: rows whose transaction is older than every transaction still
 * running. An identity id is drawn before commit, so a row with a smaller id can commit after a
 * bigger one; a reader that trusted every visible row could step over it for good. See
 * V3__event_feed_order.sql.
 */
@ApplicationScoped
public class EventFeedRepository {

    private static final String SETTLED = "tx_id < pg_snapshot_xmin(pg_current_snapshot())";

    private final Pool pool;

    EventFeedRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<FeedEvent>> after(long afterId, int limit) {
        return pool.preparedQuery("select id, type, occurred_at, business_id, lead_id, data::text from event"
                        + " where id > $1 and " + SETTLED + " order by id limit $2")
                .execute(Tuple.of(afterId, limit))
                .map(rows -> {
                    List<FeedEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(new FeedEvent(row.getLong(0), row.getString(1),
                                row.getOffsetDateTime(2).toInstant(), row.getString(3), row.getString(4),
                                row.getString(5)));
                    }
                    return events;
                })
                // A connection cut mid-query surfaces as Netty's IOException, which the REST layer would
                // answer 500 without a log line; every failure of this read is the database's (503).
                .onFailure(e -> !(e instanceof StorageUnavailableException))
                .transform(StorageUnavailableException::new);
    }

    /** The highest settled event id (0 when there is none): cheap, one probe serves every subscriber. */
    public Uni<Long> highWaterMark() {
        return pool.query("select coalesce(max(id), 0) from event where " + SETTLED)
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
