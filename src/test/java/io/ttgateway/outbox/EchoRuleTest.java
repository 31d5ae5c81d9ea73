package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.event.NewEvent;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.JdbcSession;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outbox half of the v4 echo rule, on the recorded outcome itself (no send needed): Thumbtack
 * delivers each message the service sent back as a pro message with the messageID the send was
 * answered with, and either may be stored first.
 */
@QuarkusTest
class EchoRuleTest {

    @Inject
    OutcomeWriter writer;

    @Inject
    EchoSweeper sweeper;

    @Inject
    V4Rows v4;

    @Inject
    Db db;

    @Test
    void anEchoStoredBeforeTheSentIsDeletedAndAnnouncesNothing() {
        UUID owner = UUID.randomUUID();
        OutboundMessage m = leased(owner, "See you Tuesday");
        String echoId = Fixtures.newId();
        v4.proMessage(echoId, m.leadId, m.businessId, "See you Tuesday", true);

        assertThat(sent(m, owner, echoId)).isTrue();

        assertThat(db.count("select count(*) from message where message_id = $1", echoId)).isZero();
        assertThat(db.one("select thumbtack_message_id from outbound_message where id = $1", m.id).getString(0))
                .isEqualTo(echoId);
        assertThat(proSent(m.leadId)).isZero();
    }

    @Test
    void proMessagesWaitingForTheSendAreReleasedOnceItIsSettled() {
        UUID owner = UUID.randomUUID();
        OutboundMessage m = leased(owner, "On my way");
        // The pro typed the same text in Thumbtack's app while the send was in flight: not an echo.
        String typed = Fixtures.newId();
        v4.proMessage(typed, m.leadId, m.businessId, "On my way", true);

        assertThat(sent(m, owner, Fixtures.newId())).isTrue();

        assertThat(db.one("select echo_pending from message where message_id = $1", typed).getBoolean(0)).isFalse();
        assertThat(proSent(m.leadId)).isEqualTo(1);
    }

    /** The same text, also as Thumbtack may hand it back (other line ends, no trailing whitespace). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Thanks!|Thanks!", "'See you\\r\\nat six '|See you\\nat six"})
    void aPendingMessageStaysWhileAnotherSendOfTheSameTextIsInFlight(String inFlight, String typed) {
        UUID owner = UUID.randomUUID();
        OutboundMessage m = leased(owner, "Sent first");
        // A second send of the same text, claimed and in flight.
        leased(UUID.randomUUID(), unescape(inFlight), m.businessId, m.leadId);
        String pending = Fixtures.newId();
        v4.proMessage(pending, m.leadId, m.businessId, unescape(typed), true);

        assertThat(sent(m, owner, Fixtures.newId())).isTrue();

        assertThat(db.one("select echo_pending from message where message_id = $1", pending).getBoolean(0)).isTrue();
        assertThat(proSent(m.leadId)).isZero();
    }

    private static String unescape(String csv) {
        return csv.replace("\\r", "\r").replace("\\n", "\n");
    }

    @Test
    void aFinalFailureReleasesToo() {
        UUID owner = UUID.randomUUID();
        OutboundMessage m = leased(owner, "Can you send photos?");
        String pending = Fixtures.newId();
        v4.proMessage(pending, m.leadId, m.businessId, "Can you send photos?", true);
        m.status = OutboundMessage.Status.FAILED;
        m.lastError = "Thumbtack answered 400: bad";

        NewEvent failed = NewEvent.messageFailed(m.id, m.businessId, m.leadId, m.attempts, m.lastError);
        assertThat(writer.settle(m, owner, null, failed).await().indefinitely()).isTrue();

        assertThat(db.one("select echo_pending from message where message_id = $1", pending).getBoolean(0)).isFalse();
        assertThat(proSent(m.leadId)).isEqualTo(1);
    }

    /**
     * Intake holds the messageID's lock with the echo inserted but not committed when the SENT is
     * recorded: the recording waits for it, then finds the echo and deletes it (without the lock it
     * would miss the uncommitted row, and the conversation would show the message twice).
     */
    @Test
    void theSentWaitsForAnEchoBeingStoredUnderTheSameLock() throws Exception {
        UUID owner = UUID.randomUUID();
        OutboundMessage m = leased(owner, "Booked for 9am");
        String echoId = Fixtures.newId();
        CompletableFuture<Boolean> recording;
        try (Connection intake = JdbcSession.open()) {
            intake.setAutoCommit(false);
            try (PreparedStatement lock = intake.prepareStatement(
                    "select pg_advisory_xact_lock(hashtextextended('v4-message:' || ?, 0))")) {
                lock.setString(1, echoId);
                lock.execute();
            }
            try (PreparedStatement insert = intake.prepareStatement("""
                    insert into message (message_id, lead_id, business_id, text, raw, direction, echo_pending)
                    values (?, ?, ?, 'Booked for 9am', '{}'::jsonb, 'out', true)""")) {
                insert.setString(1, echoId);
                insert.setString(2, m.leadId);
                insert.setString(3, m.businessId);
                insert.execute();
            }
            recording = CompletableFuture.supplyAsync(() -> sent(m, owner, echoId));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitersFor("v4-message:" + echoId) > 0);
            assertThat(recording).isNotDone();
            intake.commit();
        }
        assertThat(recording.get()).isTrue();
        assertThat(db.count("select count(*) from message where message_id = $1", echoId)).isZero();
        assertThat(proSent(m.leadId)).isZero();
    }

    /** Sessions waiting for the advisory lock of {@code key} (pg_locks splits its 64 bits in two oids). */
    private long waitersFor(String key) {
        return db.count("""
                select count(*) from pg_locks where locktype = 'advisory' and not granted and objsubid = 1
                and (classid::bigint << 32 | objid::bigint) = hashtextextended($1, 0)""", key);
    }

    @Test
    void theSweeperReleasesPendingMessagesOlderThanTwiceTheLease() {
        String lead = Fixtures.newId();
        String business = Fixtures.newId();
        String old = Fixtures.newId();
        String fresh = Fixtures.newId();
        v4.proMessage(old, lead, business, "old", true);
        v4.proMessage(fresh, lead, business, "fresh", true);
        db.rows("update message set received_at = now() - interval '121 seconds' where message_id = $1", old);

        sweeper.sweep().await().indefinitely();

        assertThat(db.one("select echo_pending from message where message_id = $1", old).getBoolean(0)).isFalse();
        assertThat(db.one("select echo_pending from message where message_id = $1", fresh).getBoolean(0)).isTrue();
        assertThat(proSent(lead)).isEqualTo(1);
    }

    /**
     * Another replica's sweep has released these messages and not committed yet: this sweep skips them (its
     * locking read), so after both each message is announced once. Without the lock the second update would
     * wait for the first, then find the rows it had read still matching by id, and announce them again.
     */
    @Test
    void aSweepRacingAnotherReplicasReleasesEachMessageOnce() throws Exception {
        String lead = Fixtures.newId();
        String business = Fixtures.newId();
        for (int i = 0; i < 20; i++) {
            v4.proMessage(Fixtures.newId(), lead, business, "old " + i, true);
        }
        db.rows("update message set received_at = now() - interval '121 seconds' where lead_id = $1", lead);
        try (Connection other = JdbcSession.open()) {
            other.setAutoCommit(false);
            try (PreparedStatement sweep = other.prepareStatement(EchoSweeper.SWEEP.replaceAll("\\$\\d", "?"))) {
                sweep.setLong(1, 120_000);
                sweep.setInt(2, 500);
                sweep.setString(3, "message.pro_sent");
                assertThat(sweep.executeUpdate()).isGreaterThanOrEqualTo(20);
            }
            assertThat(sweeper.sweep().await().atMost(Duration.ofSeconds(10))).isZero();
            other.commit();
        }
        assertThat(proSent(lead)).isEqualTo(20);
        assertThat(db.count("select count(*) from message where lead_id = $1 and echo_pending", lead)).isZero();
    }

    private boolean sent(OutboundMessage m, UUID owner, String messageId) {
        m.status = OutboundMessage.Status.SENT;
        NewEvent event = NewEvent.messageSent(m.id, m.businessId, m.leadId, m.attempts, messageId);
        return writer.settle(m, owner, null, event, messageId).await().indefinitely();
    }

    private long proSent(String leadId) {
        return db.count("select count(*) from event where type = 'message.pro_sent' and lead_id = $1", leadId);
    }

    private OutboundMessage leased(UUID owner, String text) {
        return leased(owner, text, Fixtures.newId(), Fixtures.newId());
    }

    private OutboundMessage leased(UUID owner, String text, String businessId, String leadId) {
        OutboundMessage m = new OutboundMessage();
        m.id = UUID.randomUUID();
        m.businessId = businessId;
        m.leadId = leadId;
        m.text = text;
        m.status = OutboundMessage.Status.PENDING;
        m.attempts = 1;
        m.nextAttemptAt = Instant.now();
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " lease_owner, lease_until, created_at, updated_at) values ($1, $2, $3, $4, 'PENDING', 1, now(),"
                + " $5, now() + interval '1 minute', now(), now())", m.id, m.businessId, m.leadId, text, owner);
        return m;
    }
}
