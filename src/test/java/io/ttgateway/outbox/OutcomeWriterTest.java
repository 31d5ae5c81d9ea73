package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.event.NewEvent;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The single-statement outcome record: only under our lease, and the event with it or not at all. */
@QuarkusTest
class OutcomeWriterTest {

    @Inject
    OutcomeWriter writer;

    @Inject
    Db db;

    @Test
    void anOutcomeIsRecordedOnlyByTheLeaseHolderAndOnlyOnce() {
        UUID holder = UUID.randomUUID();
        OutboundMessage m = leased(holder);
        m.status = OutboundMessage.Status.SENT;

        assertThat(settle(m, UUID.randomUUID())).isFalse();
        assertThat(row(m).getString("status")).isEqualTo("PENDING");
        assertThat(row(m).getUUID("lease_owner")).isEqualTo(holder);
        assertThat(events(m, "message.sent")).isZero();

        assertThat(settle(m, holder)).isTrue();
        Row stored = row(m);
        assertThat(stored.getString("status")).isEqualTo("SENT");
        assertThat(stored.getUUID("lease_owner")).isNull();
        assertThat(db.one("select sent_at = updated_at and sent_at > now() - interval '1 minute' from outbound_message"
                + " where id = $1", m.id).getBoolean(0)).as("sent_at is the recording's now()").isTrue();
        assertThat(events(m, "message.sent")).isEqualTo(1);

        // A repeat (say, a retry after a commit whose answer was lost) finds the lease released.
        assertThat(settle(m, holder)).isFalse();
        assertThat(events(m, "message.sent")).isEqualTo(1);
    }

    @Test
    void aRetryLeavesTheMessagePendingWithoutAnEvent() {
        UUID holder = UUID.randomUUID();
        OutboundMessage m = leased(holder);
        m.attempts = 1;
        m.lastError = "Thumbtack answered 503";

        assertThat(writer.settle(m, holder, Duration.ofMillis(30_250), null).await().indefinitely()).isTrue();
        Row stored = row(m);
        assertThat(stored.getString("status")).isEqualTo("PENDING");
        assertThat(stored.getString("last_error")).isEqualTo("Thumbtack answered 503");
        assertThat(db.one("select next_attempt_at - updated_at = interval '30.25 seconds' from outbound_message"
                + " where id = $1", m.id).getBoolean(0)).as("the delay added to the database's now()").isTrue();
        assertThat(stored.getUUID("lease_owner")).isNull();
        assertThat(db.count("select count(*) from event where data->>'outboundMessageId' = $1", m.id.toString()))
                .isZero();
    }

    private boolean settle(OutboundMessage m, UUID owner) {
        NewEvent sent = NewEvent.messageSent(m.id, m.businessId, m.leadId, m.attempts, null);
        return writer.settle(m, owner, null, sent).await().indefinitely();
    }

    private OutboundMessage leased(UUID owner) {
        OutboundMessage m = new OutboundMessage();
        m.id = UUID.randomUUID();
        m.businessId = Fixtures.newId();
        m.leadId = Fixtures.newId();
        m.status = OutboundMessage.Status.PENDING;
        m.attempts = 1;
        m.nextAttemptAt = Instant.now();
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " lease_owner, lease_until, created_at, updated_at) values ($1, $2, $3, 'hello', 'PENDING', 1, now(),"
                + " $4, now() + interval '1 minute', now(), now())", m.id, m.businessId, m.leadId, owner);
        return m;
    }

    private Row row(OutboundMessage m) {
        return db.one("select status, lease_owner, sent_at, last_error, next_attempt_at from outbound_message"
                + " where id = $1", m.id);
    }

    private long events(OutboundMessage m, String type) {
        return db.count("select count(*) from event where type = $1 and lead_id = $2 and business_id = $3"
                + " and data->>'outboundMessageId' = $4", type, m.leadId, m.businessId, m.id.toString());
    }
}
