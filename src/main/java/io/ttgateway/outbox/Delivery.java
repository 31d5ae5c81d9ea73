package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** One delivery attempt of a claimed message, including the single token refresh a 401 earns. */
@ApplicationScoped
public class Delivery {

    private final MessageSender sender;

    Delivery(MessageSender sender) {
        this.sender = sender;
    }

    Uni<SendOutcome> attempt(OutboundMessage m) {
        return send(m).chain(outcome -> {
            if (!(outcome instanceof SendOutcome.Unauthorized)) {
                return Uni.createFrom().item(outcome);
            }
            return sender.refreshCredentials(m.businessId)
                    .onFailure().recoverWithItem(Boolean.FALSE)
                    .chain(refreshed -> refreshed
                            ? send(m).map(Delivery::secondUnauthorizedIsFinal)
                            : Uni.createFrom().item(new SendOutcome.Rejected(401,
                                    "Thumbtack refused the access token and it could not be refreshed")));
        });
    }

    private Uni<SendOutcome> send(OutboundMessage m) {
        return sender.send(m.businessId, m.leadId, m.text)
                .onFailure().recoverWithItem(e -> new SendOutcome.Retryable(e.getClass().getSimpleName()));
    }

    private static SendOutcome secondUnauthorizedIsFinal(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Unauthorized u
                ? new SendOutcome.Rejected(401, "Thumbtack refused the refreshed access token: " + u.detail())
                : outcome;
    }
}
