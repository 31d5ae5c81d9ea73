package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.thumbtackv4.BearerToken;
import io.ttgateway.thumbtackv4.V4Result;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * A v4 call on behalf of a business that survives an expired or revoked access token: when Thumbtack
 * answers 401, the grant's token is replaced once ({@link TokenReplacement}, the outbox's path: one
 * refresh per grant across callers and replicas) and the call is made once more with the new token. A
 * second 401 is answered as Thumbtack gave it; so is the first when no new token can be had, with the
 * reason added to its message. For calls that Thumbtack refusing with 401 leaves undone (reads, job
 * status, test negotiation), so that making them again is safe.
 */
@ApplicationScoped
public class V4TokenRenewal {

    private final TokenReplacement replacement;

    V4TokenRenewal(TokenReplacement replacement) {
        this.replacement = replacement;
    }

    /** {@code call} with {@code token}, and after a 401 once more with the grant's new token. */
    public <T> Uni<V4Result<T>> call(String businessId, String token, Function<BearerToken, Uni<V4Result<T>>> call) {
        return call.apply(new BearerToken(token)).chain(result -> {
            if (!(result instanceof V4Result.Refused<T> refused) || !refused.unauthorized()) {
                return Uni.createFrom().item(result);
            }
            return replacement.replace(businessId, token)
                    .onFailure().recoverWithItem(e -> new AccessToken.Unavailable(
                            "the business's token could not be read (" + e.getClass().getSimpleName() + ")"))
                    .chain(renewed -> renewed.fold(
                            bearer -> call.apply(new BearerToken(bearer.token())),
                            notConnected -> Uni.createFrom().item(notRenewed(refused, notConnected.reason())),
                            unavailable -> Uni.createFrom().item(notRenewed(refused, unavailable.reason()))));
        });
    }

    private static <T> V4Result<T> notRenewed(V4Result.Refused<T> refused, String reason) {
        return new V4Result.Refused<>(refused.status(), refused.message() + " (no new access token: " + reason + ")",
                refused.error(), refused.retryAfter());
    }
}
