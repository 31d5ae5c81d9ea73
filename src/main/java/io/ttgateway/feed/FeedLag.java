package io.ttgateway.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Deadlines;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How far behind the feed can be. The feed only hands out events of transactions older than the oldest
 * one still running (anywhere in the cluster), so one long transaction holds back every event committed
 * after it started. Two gauges, refreshed by a probe on each replica:
 * <ul>
 * <li>thumbtack_feed_lag_seconds: age of the oldest transaction holding the feed back (a running
 * transaction that has a transaction id, or a prepared one); 0 when none is running;</li>
 * <li>thumbtack_feed_held_events: committed events that readers cannot get yet because of it (counted up
 * to a cap, so that a probe stays cheap however long the hold).</li>
 * </ul>
 * Seeing other sessions' transactions in pg_stat_activity needs the pg_read_all_stats role (part of
 * pg_monitor); without it only the service's own sessions count.
 */
@ApplicationScoped
public class FeedLag {

    private static final Logger LOG = Logger.getLogger(FeedLag.class);

    static final int HELD_CAP = 100_000;

    /**
     * The held events are the committed ones with {@code tx_id} from the snapshot's xmin up to its xmax
     * (every transaction that committed before the snapshot has a lower id than xmax, so the upper bound
     * changes no count). It is there for the plan: an open range {@code tx_id >= x} is guessed to match a
     * third of the table when tx_id has no statistics yet, and the planner read the whole event table; a
     * closed range is guessed narrow, and the (tx_id, id) index finds the newest events alone.
     */
    static final String PROBE = """
            select coalesce(extract(epoch from clock_timestamp() - (
                       select min(started) from (
                           select xact_start as started from pg_stat_activity where backend_xid is not null
                           union all
                           select prepared from pg_prepared_xacts) holders)), 0)::float8,
                   (select count(*) from (
                       select 1 from event
                        where tx_id >= pg_snapshot_xmin(pg_current_snapshot())
                          and tx_id < pg_snapshot_xmax(pg_current_snapshot()) limit %d) held)
            """.formatted(HELD_CAP);

    private final Pool pool;
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong held = new AtomicLong();

    FeedLag(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("thumbtack.feed.lag.seconds", lagMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest running transaction, which holds back every event committed after it")
                .register(registry);
        Gauge.builder("thumbtack.feed.held.events", held, AtomicLong::get)
                .description("Committed events readers cannot get yet because an older transaction is still running"
                        + " (counted up to " + HELD_CAP + ")")
                .register(registry);
    }

    @Scheduled(identity = "feed-lag", every = "${gateway.feed.lag-probe-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return probe().onFailure().recoverWithItem(e -> {
            LOG.debugf("feed lag probe failed: %s", e.getMessage());
            return null;
        });
    }

    /** Reads both figures once; a probe that does not answer in time leaves the last ones in place. */
    public Uni<Void> probe() {
        return Deadlines.dbCall(pool.query(PROBE).execute(), "feed lag probe")
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    lagMillis.set(Math.round(row.getDouble(0) * 1000));
                    held.set(row.getLong(1));
                })
                .replaceWithVoid();
    }
}
