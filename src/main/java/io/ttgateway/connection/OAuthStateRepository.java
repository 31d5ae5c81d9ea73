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
     * A state of the previous version (its row stored by /oauth/connect): marks it used and answers its
     * scopes, or null when it is unknown, expired or already used.
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

    /**
     * Records the first use of a signed state; true for that first use only. One statement on the unique
     * key of state_hash: of two callbacks with the same state, on any replicas, the second waits for the
     * first's transaction and then inserts nothing (or goes ahead if the first rolled back).
     */
    public Uni<Boolean> useOnce(String stateHash, String scopes, Instant expiresAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into oauth_state (state_hash, scopes, created_at, expires_at, used_at)
                        values (:hash, :scopes, now(), to_timestamp(:expires), now())
                        on conflict (state_hash) do nothing
                        returning id""", Long.class)
                .setParameter("hash", stateHash)
                .setParameter("scopes", scopes)
                .setParameter("expires", expiresAt.getEpochSecond())
                .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    public Uni<Long> deleteExpiredBefore(Instant cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}
