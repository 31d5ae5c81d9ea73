package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.ttgateway.event.EventType;
import io.ttgateway.event.NewEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Records one delivery outcome in one transaction (one round trip for a legacy send, no Hibernate
 * session): the message's new state, only while {@code owner} still holds its lease, and, when it
 * reached SENT or FAILED, its event. Answers whether the lease was still ours. Every time in it is the
 * database's now() (the next attempt: now() plus the delay): other replicas compare them with their
 * database's clock, never with this replica's.
 * <p>
 * The lease is checked by its owner only, not by its end time: a lease that ran out but was not taken
 * by anyone else still stands for the send that just happened, and refusing the outcome would only
 * send the message once more.
 * <p>
 * The outbox half of the v4 echo rule, in the same transaction: Thumbtack delivers every message the
 * service sends back as a pro message (MessageCreatedV4 from Business) carrying the messageID the send
 * was answered with. Webhook intake and this writer both take the advisory lock on that messageID
 * first, so whichever comes second sees the other: an echo stored before the SENT is deleted here (the
 * outbound row is the one copy), and pro messages that waited for this send's outcome (echo_pending,
 * same text) get their message.pro_sent once no send of the lead with their text is in flight.
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final String SETTLE = """
            with settled as (
              update outbound_message set status = $3::text, attempts = $4,
                     next_attempt_at = case when $5::bigint is null then next_attempt_at
                                            else now() + $5::bigint * interval '1 millisecond' end,
                     last_error = $6, sent_at = case when $3::text = 'SENT' then now() end, updated_at = now(),
                     lease_owner = null, lease_until = null,
                     thumbtack_message_id = coalesce($9::text, thumbtack_message_id)
               where id = $1 and lease_owner = $2 returning business_id, lead_id),
            logged as (
              insert into event (type, business_id, lead_id, occurred_at, data)
              select $7::text, business_id, lead_id, now(), $8::text::jsonb from settled where $7::text is not null)
            select count(*) from settled""";

    /** Same key as webhook intake's lock for a pro message with this messageID. */
    private static final String LOCK_MESSAGE_ID = """
            select pg_advisory_xact_lock(hashtextextended('v4-message:' || $1, 0))""";

    /** The echo was stored first: the outbound row stays the one copy (attachments go with it: cascade). */
    private static final String DELETE_ECHO = """
            delete from message where message_id = $1 and direction = 'out'""";

    /**
     * Pro messages of the lead that waited for the outcome of a send with their text: released, with
     * their message.pro_sent, once no send of the lead with that text is in flight any more (an
     * in-flight send is PENDING and leased now or tried before, as intake judges it). The event's data
     * is the message's stored delivery, as intake's message.pro_sent carries it.
     */
    private static final String RELEASE_ECHO_PENDING = """
            with released as (
              update message m set echo_pending = false
               where m.echo_pending and m.lead_id = $1
                 and not exists (select 1 from outbound_message o
                                  where o.lead_id = m.lead_id and o.status = 'PENDING' and %s
                                    and (o.lease_until > now() or o.attempts > 0))
              returning m.business_id, m.lead_id, m.raw)
            insert into event (type, business_id, lead_id, occurred_at, data)
            select $2::text, business_id, lead_id, now(), raw from released""".formatted(EchoText.same("o.text", "m.text"));

    private final Pool pool;

    OutcomeWriter(Pool pool) {
        this.pool = pool;
    }

    /** As {@link #settle(OutboundMessage, UUID, Duration, NewEvent, String)} for a send with no messageID. */
    public Uni<Boolean> settle(OutboundMessage m, UUID owner, Duration retryIn, NewEvent event) {
        return settle(m, owner, retryIn, event, null);
    }

    /**
     * {@code retryIn}: the delay before the next attempt (null: SENT or FAILED, the due time stays).
     * {@code event} null: no event (the message stays PENDING for another attempt); its business and
     * lead are the message row's. {@code thumbtackMessageId}: the messageID a v4 send was answered with,
     * else null.
     */
    public Uni<Boolean> settle(OutboundMessage m, UUID owner, Duration retryIn, NewEvent event,
            String thumbtackMessageId) {
        Tuple values = Tuple.tuple()
                .addUUID(m.id).addUUID(owner).addString(m.status.name()).addInteger(m.attempts)
                .addLong(retryIn == null ? null : retryIn.toMillis()).addString(m.lastError)
                .addString(event == null ? null : event.type().wireName())
                .addString(event == null ? null : event.data()).addString(thumbtackMessageId);
        boolean settlesEchoes = m.status != OutboundMessage.Status.PENDING;
        if (!settlesEchoes) {
            return pool.preparedQuery(SETTLE).execute(values).map(rows -> rows.iterator().next().getLong(0) == 1L);
        }
        return pool.withTransaction(connection -> lockMessageId(connection, thumbtackMessageId)
                .chain(() -> connection.preparedQuery(SETTLE).execute(values))
                .map(rows -> rows.iterator().next().getLong(0) == 1L)
                .call(settled -> settled ? afterFinal(connection, m.leadId, thumbtackMessageId)
                        : Uni.createFrom().voidItem()));
    }

    private static Uni<Void> releaseEchoPending(SqlConnection connection, String leadId) {
        return connection.preparedQuery(RELEASE_ECHO_PENDING)
                .execute(Tuple.of(leadId, EventType.MESSAGE_PRO_SENT.wireName())).replaceWithVoid();
    }

    private static Uni<Void> lockMessageId(SqlConnection connection, String thumbtackMessageId) {
        return thumbtackMessageId == null ? Uni.createFrom().voidItem()
                : connection.preparedQuery(LOCK_MESSAGE_ID).execute(Tuple.of(thumbtackMessageId)).replaceWithVoid();
    }

    private static Uni<Void> afterFinal(SqlConnection connection, String leadId, String thumbtackMessageId) {
        Uni<Void> deleteEcho = thumbtackMessageId == null ? Uni.createFrom().voidItem()
                : connection.preparedQuery(DELETE_ECHO).execute(Tuple.of(thumbtackMessageId)).replaceWithVoid();
        return deleteEcho.chain(() -> releaseEchoPending(connection, leadId));
    }
}
