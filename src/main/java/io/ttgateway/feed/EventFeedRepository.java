package io.ttgateway.feed;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.StorageUnavailableException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the event log for the feed through the reactive SQL client (the live stream polls outside
 * any request, where no Hibernate session exists).
 *
 * <p>The feed's order is (tx_id, id), and only "settled" rows are read: rows whose transaction is older
 * than every transaction still running ({@code tx_id < pg_snapshot_xmin}). Every transaction below that
 * horizon has ended, and every transaction that may still write gets an id at or above it, so the set of
 * settled rows only ever grows at the end of the order: a reader resuming after a position it was given
 * can never be handed a row that sorts before it. Ordering by id alone would not do: ids and transaction
 * ids are drawn in different orders, so a transaction that started earlier can hold a bigger event id
 * (docs/feed.md walks through it).
 */
@ApplicationScoped
public class EventFeedRepository {

    /**
     * A lead.received event stored since V7 has no data of its own: it is the lead's, in json columns
     * since V19: received_event_data when it is not the payload as received (a v4 lead's), else payload
     * (raw, jsonb, for a lead stored before V19). The correlated lookup runs only for such rows and always
     * through the unique index on lead_id (a join could be planned as a scan of every lead). Positions are
     * bound as text: the client has no xid8 type.
     */
    private static final String PAGE = """
            select e.tx_id::text::bigint, e.id, e.type, e.occurred_at, e.business_id, e.lead_id,
                   coalesce(e.data::text,
                            (select coalesce(l.received_event_data::text, l.payload::text, l.raw::text)
                             from lead l where l.lead_id = e.lead_id))
            from event e
            where (e.tx_id, e.id) > ($1::text::xid8, $2)
              and (e.id > $3 or e.tx_id >= $5::text::xid8)
              and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by e.tx_id, e.id
            limit $4""";

    /**
     * Where a reader holding a bare event id N (a cursor of the id-ordered feed) goes on: from the oldest
     * transaction that wrote an event above N or may still write one (every such transaction is running
     * now, with an id at or above xmin, or starts later). Events up to N were seen, but only those the
     * old feed could hand out: it only ever handed out events of transactions below the xmin of its
     * read, which is below this xmin. So the floor covers transactions below xmin; an event up to N of a
     * transaction at or above it (still running now, or committed since the reader's last read) was
     * never delivered and still comes.
     */
    private static final String FROM_LEGACY_ID = """
            select least((select min(tx_id) from event where id > $1), pg_snapshot_xmin(s))::text::bigint,
                   pg_snapshot_xmin(s)::text::bigint
            from pg_current_snapshot() s""";

    /** The newest settled position: a backward walk of the (tx_id, id) index past the unsettled tail. */
    private static final String HIGH_WATER_MARK = """
            select tx_id::text::bigint, id from event
            where tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id desc, id desc
            limit 1""";

    private final Pool pool;

    EventFeedRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<FeedEvent>> after(FeedPosition position, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(String.valueOf(position.txId()), position.id(), position.floorId(), limit,
                        String.valueOf(position.floorUntilTx())))
                .map(EventFeedRepository::events)
                .onFailure(e -> !(e instanceof StorageUnavailableException))
                // A connection cut mid-query surfaces as Netty's IOException, which the REST layer would
                // answer 500 without a log line; every failure of this read is the database's (503).
                .transform(StorageUnavailableException::new);
    }

    /** The position that continues a bare event id handed out by the id-ordered feed. */
    public Uni<FeedPosition> fromLegacyId(long legacyId) {
        return pool.preparedQuery(FROM_LEGACY_ID)
                .execute(Tuple.of(legacyId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new FeedPosition(row.getLong(0), 0, legacyId, row.getLong(1));
                })
                .onFailure(e -> !(e instanceof StorageUnavailableException))
                .transform(StorageUnavailableException::new);
    }

    /** The newest settled position (START when there is none): one probe serves every subscriber. */
    public Uni<FeedPosition> highWaterMark() {
        return pool.query(HIGH_WATER_MARK)
                .execute()
                .map(rows -> rows.size() == 0
                        ? FeedPosition.START
                        : FeedPosition.START.at(rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)));
    }

    private static List<FeedEvent> events(RowSet<Row> rows) {
        List<FeedEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new FeedEvent(row.getLong(0), row.getLong(1), row.getString(2),
                    row.getOffsetDateTime(3).toInstant(), row.getString(4), row.getString(5), row.getString(6)));
        }
        return events;
    }
}
