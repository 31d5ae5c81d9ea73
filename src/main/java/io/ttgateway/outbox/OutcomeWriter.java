package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Records one delivery outcome in a single statement (so in one transaction of its own, one round
 * trip, no Hibernate session): the message's new state, only while {@code owner} still holds its
 * lease, and, when it reached SENT or FAILED, its event. Answers whether the lease was still ours.
 * Every time in it is the database's now() (the next attempt: now() plus the delay): other replicas
 * compare them with their database's clock, never with this replica's.
 * <p>
 * The lease is checked by its owner only, not by its end time: a lease that ran out but was not taken
 * by anyone else still stands for the send that just happened, and refusing the outcome would only
 * send the message once more.
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final String SETTLE = """
            with settled as (
              update outbound_message set status = $3, attempts = $4,
                     next_attempt_at = case when $5::bigint is null then next_attempt_at
                                            else now() + $5::bigint * interval '1 millisecond' end,
                     last_error = $6, sent_at = case when $3::text = 'SENT' then now() end, updated_at = now(),
                     lease_owner = null, lease_until = null
               where id = $1 and lease_owner = $2 returning business_id, lead_id),
            logged as (
              insert into event (type, business_id, lead_id, occurred_at, data)
              select $7::text, business_id, lead_id, now(), $8::text::jsonb from settled where $7::text is not null)
            select count(*) from settled""";

    private final Pool pool;

    OutcomeWriter(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code retryIn}: the delay before the next attempt (null: SENT or FAILED, the due time stays).
     * {@code eventType} null: no event (the message stays PENDING for another attempt).
     */
    public Uni<Boolean> settle(OutboundMessage m, UUID owner, Duration retryIn, String eventType, String eventData) {
        Tuple values = Tuple.tuple()
                .addUUID(m.id).addUUID(owner).addString(m.status.name()).addInteger(m.attempts)
                .addLong(retryIn == null ? null : retryIn.toMillis()).addString(m.lastError)
                .addString(eventType).addString(eventData);
        return pool.preparedQuery(SETTLE).execute(values)
                .map(rows -> rows.iterator().next().getLong(0) == 1L);
    }
}
