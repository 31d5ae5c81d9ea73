package io.ttgateway.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ApiVersion;
import io.ttgateway.connection.ConnectionService;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackResult;
import io.ttgateway.thumbtackv4.BearerToken;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4Message;
import io.ttgateway.thumbtackv4.V4Result;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends through the API of the business's connection as it is at send time (a connection may move
 * from legacy to v4 between enqueue and send): v4 ({@code POST /api/v4/negotiations/{l}/messages})
 * with its grant's bearer token, legacy /v2 with the business's bearer token; a business without a
 * usable OAuth connection goes through /v1 with the partner's v1 credentials when those are set.
 * The token comes from ConnectionService either way (for v4 it is the grant's), so a 401 is renewed
 * by {@link TokenRenewal} alike.
 */
@ApplicationScoped
public class ThumbtackMessageSender implements MessageSender {

    private final ConnectionService connections;
    private final ThumbtackApi thumbtack;
    private final TokenRenewal renewal;
    private final ThumbtackV4 v4;

    ThumbtackMessageSender(ConnectionService connections, ThumbtackApi thumbtack, TokenRenewal renewal,
            ThumbtackV4 v4) {
        this.connections = connections;
        this.thumbtack = thumbtack;
        this.renewal = renewal;
        this.v4 = v4;
    }

    @Override
    public Uni<SendOutcome> send(String businessId, String leadId, String text) {
        return connections.accessTokenFor(businessId).chain(token -> token.fold(
                bearer -> sendWith(bearer.token(), businessId, leadId, text),
                // v1 knows legacy leads only: a v4 business whose grant needs re-authorisation waits for it.
                notConnected -> connections.apiVersionOf(businessId)
                        .chain(api -> api != ApiVersion.V4 && thumbtack.v1Credentials().isPresent()
                                ? thumbtack.sendMessageV1(businessId, leadId, text).map(result -> outcome(result, null))
                                : Uni.createFrom().item(new SendOutcome.NoCredentials(notConnected.reason()))),
                unavailable -> Uni.createFrom().item(new SendOutcome.Retryable(unavailable.reason()))));
    }

    @Override
    public Uni<SendOutcome> sendWith(String accessToken, String businessId, String leadId, String text) {
        return connections.apiVersionOf(businessId).chain(api -> api == ApiVersion.V4
                ? v4.sendMessage(new BearerToken(accessToken), leadId, text).map(result -> outcomeV4(result, accessToken))
                : thumbtack.sendMessage(accessToken, businessId, leadId, text).map(result -> outcome(result, accessToken)));
    }

    @Override
    public Uni<Renewal> renew(String businessId, String refusedToken) {
        return renewal.renew(businessId, refusedToken);
    }

    @Override
    @WithSession
    public Uni<Boolean> canSend(String businessId) {
        if (thumbtack.v1Credentials().isPresent()) {
            return Uni.createFrom().item(Boolean.TRUE);
        }
        return connections.isConnected(businessId);
    }

    /** {@code token}: the bearer token the send used (null through /v1). */
    static SendOutcome outcome(ThumbtackResult<Void> result, String token) {
        return result.fold(
                sent -> new SendOutcome.Sent(),
                rejected -> switch (rejected.status()) {
                    case 401 -> new SendOutcome.Unauthorized(rejected.message(), token);
                    case 408, 425, 429 -> new SendOutcome.Retryable(rejected.describe());
                    default -> new SendOutcome.Rejected(rejected.status(), rejected.message());
                },
                failed -> failed.failure() == ThumbtackResult.Failure.CIRCUIT_OPEN
                        ? new SendOutcome.Paused(failed.describe())
                        : new SendOutcome.Retryable(failed.describe()));
    }

    /**
     * A v4 send's answer; {@code token}: the bearer token it used. A 2xx whose body cannot be read was
     * still accepted (sending again would post the message twice): SENT, without a messageID.
     */
    static SendOutcome outcomeV4(V4Result<V4Message> result, String token) {
        return result.fold(
                message -> new SendOutcome.Sent(message.messageID()),
                refused -> {
                    if (refused.unauthorized()) {
                        return new SendOutcome.Unauthorized(refused.message(), token);
                    }
                    return switch (refused.status()) {
                        case 408, 425, 429 -> new SendOutcome.Retryable(refused.describe(),
                                refused.retryAfter().orElse(null));
                        default -> new SendOutcome.Rejected(refused.status(), refused.message());
                    };
                },
                unanswered -> switch (unanswered.failure()) {
                    case CIRCUIT_OPEN -> new SendOutcome.Paused(unanswered.describe());
                    case BAD_ANSWER -> new SendOutcome.Sent();
                    case SERVER_ERROR, CHALLENGED, TIMEOUT, NETWORK, NULL_ANSWER ->
                            new SendOutcome.Retryable(unanswered.describe(), unanswered.retryAfter().orElse(null));
                });
    }
}
