package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.TokenReplacement;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A new access token after Thumbtack refused a send's, as the outbox needs it: {@link TokenReplacement}
 * (one refresh per business or grant however many senders were refused at once, across replicas) with
 * its answer in the outbox's terms. A message fails only when the connection cannot be refreshed at all
 * (Thumbtack refused the refresh token, or the pro disconnected); a refresh that fails for a passing
 * reason means "not yet", and the message is retried later with back-off.
 */
@ApplicationScoped
public class TokenRenewal {

    private final TokenReplacement replacement;

    TokenRenewal(TokenReplacement replacement) {
        this.replacement = replacement;
    }

    public Uni<Renewal> renew(String businessId, String refusedToken) {
        return replacement.replace(businessId, refusedToken).map(token -> token.fold(
                bearer -> new Renewal.Renewed(bearer.token()),
                notConnected -> new Renewal.Refused(notConnected.reason()),
                unavailable -> new Renewal.NotYet(unavailable.reason(), unavailable.backingOffFor())));
    }
}
