package io.ttgateway.review;

import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ConnectionService;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/**
 * Stands in for the grant's token of a v4 connection (the grant refresh is another part of the
 * service, tested there): the connection row is read for real, the token is {@link #TOKEN}.
 * Enabled only by {@link FixedTokenProfile}.
 */
@Alternative
@Singleton
public class FixedTokenSyncAccess extends ReviewSyncAccess {

    static final String TOKEN = "v4-test-access-token";

    FixedTokenSyncAccess(ConnectionService connections) {
        super(connections);
    }

    @Override
    public Uni<AccessToken> token(String businessId) {
        return Uni.createFrom().item(new AccessToken.Bearer(TOKEN, Instant.now().plusSeconds(3600)));
    }
}
