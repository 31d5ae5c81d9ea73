package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A 401 on a send, without Quarkus: the business gets a new token and the message one more send with
 * it ({@link Delivery}); what the renewal comes to decides the outcome the recorder sees.
 */
class DeliveryRenewalTest {

    private static final SendOutcome REFUSED = new SendOutcome.Unauthorized("token expired", "old-token");

    @Test
    void aRenewedTokenIsSentWithOnce() {
        FakeSender sender = new FakeSender(REFUSED, Uni.createFrom().item(new Renewal.Renewed("new-token")),
                new SendOutcome.Sent());

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isEqualTo(new SendOutcome.Sent());
        assertThat(sender.renewedFor).containsExactly("old-token");
        assertThat(sender.sentWith).containsExactly("new-token");
    }

    @Test
    void theRenewedTokenRefusedTooIsRetriedLaterNotFailed() {
        FakeSender sender = new FakeSender(REFUSED, Uni.createFrom().item(new Renewal.Renewed("new-token")),
                new SendOutcome.Unauthorized("revoked", "new-token"));

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isEqualTo(new SendOutcome.Retryable("Thumbtack refused the renewed access token too: revoked"));
        assertThat(sender.sentWith).containsExactly("new-token");
    }

    @Test
    void aRefusedRefreshTokenFailsTheMessageAs401() {
        FakeSender sender = new FakeSender(REFUSED,
                Uni.createFrom().item(new Renewal.Refused("connection b1 needs re-authorization")), null);

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected(401,
                "Thumbtack refused the access token and it cannot be renewed: connection b1 needs re-authorization"));
        assertThat(sender.sentWith).isEmpty();
    }

    @Test
    void noNewTokenYetIsRetriedLater() {
        FakeSender sender = new FakeSender(REFUSED, Uni.createFrom().item(new Renewal.NotYet("refresh failed: timeout")),
                null);

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isEqualTo(new SendOutcome.Retryable(
                "Thumbtack refused the access token; no new one yet: refresh failed: timeout"));
        assertThat(sender.sentWith).isEmpty();
    }

    @Test
    void noNewTokenBeforeTheRefreshBackOffEndsPausesTheMessageUntilThen() {
        FakeSender sender = new FakeSender(REFUSED, Uni.createFrom().item(new Renewal.NotYet("backing off",
                Duration.ofSeconds(300))), null);

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Paused.class, paused -> {
            assertThat(paused.reason()).isEqualTo("Thumbtack refused the access token; no new one before the refresh's"
                    + " back-off ends: backing off");
            assertThat(paused.notBefore()).isEqualTo(Duration.ofSeconds(300));
        });
        assertThat(sender.sentWith).isEmpty();
    }

    @Test
    void aRenewalThatFailsIsNotYet() {
        FakeSender sender = new FakeSender(REFUSED, Uni.createFrom().failure(new IllegalStateException("db down")),
                null);

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isEqualTo(new SendOutcome.Retryable("Thumbtack refused the access token; no new one yet:"
                + " the business's token could not be read (IllegalStateException)"));
    }

    @Test
    void anythingButA401IsPassedOnAsItIs() {
        SendOutcome rejected = new SendOutcome.Rejected(400, "lead is closed");
        FakeSender sender = new FakeSender(rejected, null, null);

        SendOutcome outcome = new Delivery(sender).attempt(message()).await().indefinitely();

        assertThat(outcome).isSameAs(rejected);
        assertThat(sender.renewedFor).isEmpty();
    }

    private static OutboundMessage message() {
        OutboundMessage m = new OutboundMessage();
        m.id = UUID.randomUUID();
        m.businessId = "b1";
        m.leadId = "l1";
        m.text = "Hi";
        m.status = OutboundMessage.Status.PENDING;
        m.attempts = 1;
        return m;
    }

    /** Answers the first send, the renewal and the send with the renewed token as told; records the tokens. */
    private static final class FakeSender implements MessageSender {
        private final SendOutcome first;
        private final Uni<Renewal> renewal;
        private final SendOutcome second;
        final List<String> renewedFor = new ArrayList<>();
        final List<String> sentWith = new ArrayList<>();

        FakeSender(SendOutcome first, Uni<Renewal> renewal, SendOutcome second) {
            this.first = first;
            this.renewal = renewal;
            this.second = second;
        }

        @Override
        public Uni<SendOutcome> send(String businessId, String leadId, String text) {
            return Uni.createFrom().item(first);
        }

        @Override
        public Uni<SendOutcome> sendWith(String accessToken, String businessId, String leadId, String text) {
            sentWith.add(accessToken);
            return Uni.createFrom().item(second);
        }

        @Override
        public Uni<Renewal> renew(String businessId, String refusedToken) {
            renewedFor.add(refusedToken);
            return renewal;
        }

        @Override
        public Uni<Boolean> canSend(String businessId) {
            return Uni.createFrom().item(Boolean.TRUE);
        }
    }
}
