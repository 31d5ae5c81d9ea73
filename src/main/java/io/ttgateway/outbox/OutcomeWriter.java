package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records one delivery outcome in a single statement (so in one transaction of its own, one round
 * trip, no Hibernate session): the message's new state, only while {@code owner} still holds its
 * lease, and, when it reached SENT or FAILED, its event. Answers whether the lease was still ours.
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final String SETTLE = "with settled as ("
            + " update outbound_message set status = $3, attempts = $4, next_attempt_at = $5::timestamptz,"
            + " last_error = $6, sent_at = $7::timestamptz, updated_at = $8::timestamptz,"
            + " lease_owner = null, lease_until = null"
            + " where id = $1 and lease_owner = $2 returning business_id, lead_id),"
            + " logged as ("
            + " insert into event (type, business_id, lead_id, occurred_at, data)"
            + " select $9::text, business_id, lead_id, $8::timestamptz, $10::text::jsonb from settled where $9::text is not null)"
            + " select count(*) from settled";

    private final Pool pool;

    OutcomeWriter(Pool pool) {
        this.pool = pool;
    }

    /** {@code eventType} null: no event (the message stays PENDING for another attempt). */
    public Uni<Boolean> settle(OutboundMessage m, UUID owner, String eventType, String eventData) {
        Tuple values = Tuple.tuple()
                .addUUID(m.id).addUUID(owner).addString(m.status.name()).addInteger(m.attempts)
                .addValue(time(m.nextAttemptAt)).addString(m.lastError).addValue(time(m.sentAt))
                .addValue(time(m.updatedAt)).addString(eventType).addString(eventData);
        return pool.preparedQuery(SETTLE).execute(values)
                .map(rows -> rows.iterator().next().getLong(0) == 1L);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
