package io.ttgateway.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection as the partner API shows it. Never a token, never a webhook credential. A v4
 * connection's token expiries are its grant's; {@code webhook} is shown for v4 connections only.
 */
@RegisterForReflection
@Schema(name = "Connection")
public record ConnectionView(
        String businessId,
        String businessName,
        List<String> scopes,
        ConnectionStatus status,
        String apiVersion,
        Instant accessTokenExpiresAt,
        Instant refreshTokenExpiresAt,
        Instant connectedAt,
        Instant updatedAt,
        String lastRefreshError,
        @JsonInclude(JsonInclude.Include.NON_NULL) WebhookView webhook) {

    /** The business's webhook at Thumbtack: REGISTERED, FAILED (with the reason) or NONE. */
    @RegisterForReflection
    @Schema(name = "ConnectionWebhook")
    public record WebhookView(String status, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

        static WebhookView of(RegisteredWebhook row) {
            if (row == null) {
                return new WebhookView("NONE", null);
            }
            return switch (row.state) {
                case REGISTERED -> new WebhookView("REGISTERED", null);
                case FAILED -> new WebhookView("FAILED", row.lastError);
                case PENDING -> new WebhookView("NONE", "registration in progress");
                case DELETED -> new WebhookView("NONE", null);
            };
        }
    }

    /** A legacy connection (or a v4 one without its grant at hand: then without expiries and webhook). */
    public static ConnectionView of(Connection c) {
        return new ConnectionView(c.businessPk, c.businessName, c.scopeList(), c.status, c.apiVersion.wireName(),
                c.accessTokenExpiresAt, c.refreshTokenExpiresAt, c.connectedAt, c.updatedAt, c.lastRefreshError, null);
    }

    /** A v4 connection with its grant (may be null) and its webhook row (null: none). */
    static ConnectionView ofV4(Connection c, OAuthGrant grant, RegisteredWebhook webhook) {
        boolean tokens = grant != null && grant.status != OAuthGrant.Status.REVOKED;
        return new ConnectionView(c.businessPk, c.businessName, c.scopeList(), c.status, c.apiVersion.wireName(),
                tokens ? grant.accessTokenExpiresAt : null, tokens ? grant.refreshTokenExpiresAt : null,
                c.connectedAt, c.updatedAt, c.lastRefreshError != null ? c.lastRefreshError
                        : grant != null ? grant.lastRefreshError : null, WebhookView.of(webhook));
    }
}
