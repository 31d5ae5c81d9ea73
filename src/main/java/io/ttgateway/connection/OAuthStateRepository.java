package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
@WithSession
public class OAuthStateRepository implements PanacheRepositoryBase<OAuthState, Long> {

    /**
     * Marks the state used and answers its scopes, or null when it is unknown, expired or already used.
     * One statement: of two replicas receiving the same callback, exactly one gets the scopes.
     */
    public Uni<String> consume(String stateHash) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_state set used_at = now() where state_hash = :hash"
                                + " and used_at is null and expires_at > now() returning scopes", String.class)
                .setParameter("hash", stateHash)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Long> deleteExpiredBefore(Instant cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}
