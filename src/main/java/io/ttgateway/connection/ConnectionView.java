package io.ttgateway.connection;

import java.time.Instant;
import java.util.List;

/** A connection as the partner API shows it (CONTRACT.md section 5). Never a token. */
public record ConnectionView(
        String businessId,
        String businessName,
        List<String> scopes,
        ConnectionStatus status,
        Instant accessTokenExpiresAt,
        Instant refreshTokenExpiresAt,
        Instant connectedAt,
        Instant updatedAt,
        String lastRefreshError) {

    public static ConnectionView of(Connection c) {
        return new ConnectionView(c.businessPk, c.businessName, c.scopeList(), c.status, c.accessTokenExpiresAt,
                c.refreshTokenExpiresAt, c.connectedAt, c.updatedAt, c.lastRefreshError);
    }
}
