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

    ThumbtackMessageSender(ConnectionService connections, ConnectionRepository connectionRows,
            ThumbtackPartnerCalls thumbtack) {
        this.connections = connections;
        this.connectionRows = connectionRows;
        this.thumbtack = thumbtack;
    }

    @Override
    public Uni<SendOutcome> send(String businessId, String leadId, String text) {
        return connections.accessTokenFor(businessId).chain(token -> {
            if (token instanceof AccessToken.Bearer bearer) {
                return thumbtack.sendMessage(bearer.token(), businessId, leadId, text).map(ThumbtackMessageSender::outcome);
            }
            if (token instanceof AccessToken.NotConnected notConnected) {
                return thumbtack.v1Credentials().isPresent()
                        ? thumbtack.sendMessageV1(businessId, leadId, text).map(ThumbtackMessageSender::outcome)
                        : Uni.createFrom().item(new SendOutcome.NoCredentials(notConnected.reason()));
            }
            return Uni.createFrom().item(new SendOutcome.Retryable(((AccessToken.Unavailable) token).reason()));
        });
    }

    @Override
    public Uni<Boolean> refreshCredentials(String businessId) {
        return connections.refreshNow(businessId).map(token -> token instanceof AccessToken.Bearer);
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

    static SendOutcome outcome(ThumbtackResult<Void> result) {
        if (result instanceof ThumbtackResult.Ok<Void>) {
            return new SendOutcome.Sent();
        }
        if (result instanceof ThumbtackResult.Rejected<Void> rejected) {
            return switch (rejected.status()) {
                case 401 -> new SendOutcome.Unauthorized(rejected.message());
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
