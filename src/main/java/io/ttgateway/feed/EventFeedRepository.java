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

    /**
     * A lead.received event stores no payload of its own: it is the lead's, as received (V7). The
     * correlated lookup runs only for such rows and always through the unique index on lead_id (a join
     * could be planned as a scan of every lead).
     */
    private static final String PAGE = "select e.id, e.type, e.occurred_at, e.business_id, e.lead_id,"
            + " coalesce(e.data, (select l.raw from lead l where l.lead_id = e.lead_id))::text from event e"
            + " where e.id > $1 and e." + SETTLED + " order by e.id limit $2";

    private final Pool pool;

    EventFeedRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<FeedEvent>> after(long afterId, int limit) {
        return pool.preparedQuery(PAGE)
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
