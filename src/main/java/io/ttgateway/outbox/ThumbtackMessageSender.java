package io.ttgateway.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ConnectionRepository;
import io.ttgateway.connection.ConnectionService;
import io.ttgateway.connection.ConnectionStatus;
import io.ttgateway.thumbtack.ThumbtackPartnerCalls;
import io.ttgateway.thumbtack.ThumbtackResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends through /v2 with the business's bearer token; a business without a usable OAuth connection
 * goes through /v1 with the partner's v1 credentials when those are set.
 */
@ApplicationScoped
public class ThumbtackMessageSender implements MessageSender {

    private final ConnectionService connections;
    private final ConnectionRepository connectionRows;
    private final ThumbtackPartnerCalls thumbtack;
    private final TokenRenewal renewal;

    ThumbtackMessageSender(ConnectionService connections, ConnectionRepository connectionRows,
            ThumbtackPartnerCalls thumbtack, TokenRenewal renewal) {
        this.connections = connections;
        this.connectionRows = connectionRows;
        this.thumbtack = thumbtack;
        this.renewal = renewal;
    }

    @Override
    public Uni<SendOutcome> send(String businessId, String leadId, String text) {
        return connections.accessTokenFor(businessId).chain(token -> {
            if (token instanceof AccessToken.Bearer bearer) {
                return sendWith(bearer.token(), businessId, leadId, text);
            }
            if (token instanceof AccessToken.NotConnected notConnected) {
                return thumbtack.v1Credentials().isPresent()
                        ? thumbtack.sendMessageV1(businessId, leadId, text).map(result -> outcome(result, null))
                        : Uni.createFrom().item(new SendOutcome.NoCredentials(notConnected.reason()));
            }
            return Uni.createFrom().item(new SendOutcome.Retryable(((AccessToken.Unavailable) token).reason()));
        });
    }

    @Override
    public Uni<SendOutcome> sendWith(String accessToken, String businessId, String leadId, String text) {
        return thumbtack.sendMessage(accessToken, businessId, leadId, text).map(result -> outcome(result, accessToken));
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
        return connectionRows.findByBusinessPk(businessId)
                .map(row -> row != null && row.status == ConnectionStatus.CONNECTED);
    }

    /** {@code token}: the bearer token the send used (null through /v1). */
    static SendOutcome outcome(ThumbtackResult<Void> result, String token) {
        if (result instanceof ThumbtackResult.Ok<Void>) {
            return new SendOutcome.Sent();
        }
        if (result instanceof ThumbtackResult.Rejected<Void> rejected) {
            return switch (rejected.status()) {
                case 401 -> new SendOutcome.Unauthorized(rejected.message(), token);
                case 408, 425, 429 -> new SendOutcome.Retryable(rejected.describe());
                default -> new SendOutcome.Rejected(rejected.status(), rejected.message());
            };
        }
        ThumbtackResult.Failed<Void> failed = (ThumbtackResult.Failed<Void>) result;
        return failed.failure() == ThumbtackResult.Failure.CIRCUIT_OPEN
                ? new SendOutcome.Paused(failed.describe())
                : new SendOutcome.Retryable(failed.describe());
    }
}
