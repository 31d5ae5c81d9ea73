package io.ttgateway.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Deadlines;
import io.ttgateway.event.EventType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Releases v4 pro messages whose message.pro_sent waited (echo_pending) for a send that never
 * recorded its outcome: a send is settled within one lease, or claimed again after it expired, so a
 * pro message still waiting after twice the lease waits for nothing. Released with its event, as
 * {@link OutcomeWriter} releases after an outcome. Any replica may run it: rows are taken with SKIP
 * LOCKED, in bounded batches, each batch in one statement (its own transaction).
 */
@ApplicationScoped
public class EchoSweeper {

    private static final Logger LOG = Logger.getLogger(EchoSweeper.class);
    private static final int BATCH = 500;

    /**
     * Both the order (the partial index's) and {@code = any(array(...))} keep the plan on indexes: without
     * statistics on echo_pending the planner guessed half of all messages were waiting, and read the whole
     * message table twice per run (once to find them, once to join them back by id).
     */
    static final String SWEEP = """
            with released as (
              update message m set echo_pending = false
               where m.id = any(array(select id from message
                                       where echo_pending and received_at < now() - $1::bigint * interval '1 millisecond'
                                       order by lead_id
                                       limit $2 for update skip locked))
              returning m.business_id, m.lead_id, m.raw)
            insert into event (type, business_id, lead_id, occurred_at, data)
            select $3::text, business_id, lead_id, now(), raw from released""";

    private final Pool pool;
    private final OutboxConfig config;

    EchoSweeper(Pool pool, OutboxConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${gateway.outbox.echo-sweep-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().onFailure().invoke(e -> LOG.warnf("echo sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One batch; how many pro messages were released. */
    public Uni<Integer> sweep() {
        long olderThanMs = config.lease().multipliedBy(2).toMillis();
        Tuple values = Tuple.of(olderThanMs, BATCH, EventType.MESSAGE_PRO_SENT.wireName());
        return Deadlines.dbCall(pool.preparedQuery(SWEEP).execute(values), "echo sweep")
                .map(rows -> rows.rowCount());
    }
}
