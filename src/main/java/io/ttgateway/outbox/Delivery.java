package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One delivery attempt of a claimed message. A 401 gets the business a new token (see
 * {@link TokenRenewal}: refreshed here, or by whoever was refreshing already) and one more send with it.
 */
@ApplicationScoped
public class Delivery {

    private final MessageSender sender;

    Delivery(MessageSender sender) {
        this.sender = sender;
    }

    Uni<SendOutcome> attempt(OutboundMessage m) {
        return safely(sender.send(m.businessId, m.leadId, m.text)).chain(outcome ->
                outcome instanceof SendOutcome.Unauthorized refused
                        ? afterRefusal(m, refused)
                        : Uni.createFrom().item(outcome));
    }

    private Uni<SendOutcome> afterRefusal(OutboundMessage m, SendOutcome.Unauthorized refused) {
        return sender.renew(m.businessId, refused.refusedToken())
                .onFailure().recoverWithItem(e -> new Renewal.NotYet(
                        "the business's token could not be read (" + e.getClass().getSimpleName() + ")"))
                .chain(renewal -> renewal.fold(
                        renewed -> safely(sender.sendWith(renewed.accessToken(), m.businessId, m.leadId, m.text))
                                .map(Delivery::secondRefusalIsRetried),
                        gone -> Uni.createFrom().item((SendOutcome) new SendOutcome.Rejected(401,
                                "Thumbtack refused the access token and it cannot be renewed: " + gone.reason())),
                        notYet -> Uni.createFrom().item(notYet.backingOffFor() != null
                                ? new SendOutcome.Paused("Thumbtack refused the access token; no new one before the "
                                        + "refresh's back-off ends: " + notYet.reason(), notYet.backingOffFor())
                                : new SendOutcome.Retryable(
                                        "Thumbtack refused the access token; no new one yet: " + notYet.reason()))));
    }

    private static Uni<SendOutcome> safely(Uni<SendOutcome> send) {
        return send.onFailure().recoverWithItem(e -> new SendOutcome.Retryable(e.getClass().getSimpleName()));
    }

    /**
     * The renewed token refused too: retried later (bounded by the attempts), not failed. It may have been
     * replaced once more meanwhile; only a refused refresh token is final.
     */
    private static SendOutcome secondRefusalIsRetried(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Unauthorized u
                ? new SendOutcome.Retryable("Thumbtack refused the renewed access token too: " + u.detail())
                : outcome;
    }
}
