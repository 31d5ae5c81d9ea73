package io.ttgateway.review;

import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.Connection;
import io.ttgateway.connection.ConnectionService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the reviews sync needs of a business's connection: the row (which API it uses; ResourceNotFoundException
 * when unknown) and a bearer token for Thumbtack (for a v4 connection, its grant's).
 */
@ApplicationScoped
public class ReviewSyncAccess {

    private final ConnectionService connections;

    ReviewSyncAccess(ConnectionService connections) {
        this.connections = connections;
    }

    public Uni<Connection> connection(String businessId) {
        return connections.get(businessId);
    }

    public Uni<AccessToken> token(String businessId) {
        return connections.accessTokenFor(businessId);
    }
}
