package io.ttgateway.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transaction-scoped PostgreSQL advisory locks keyed by a Thumbtack ID. Two deliveries of the same
 * lead, message or review (or a lead and its update) queue behind each other, so "is it stored
 * yet?" is answered after the other transaction committed. Unique constraints stay as the backstop.
 */
@ApplicationScoped
public class KeyLocks {

    public Uni<Void> lock(String namespace, String key) {
        // Run as a statement without a result mapping. As a native *select* with a result class, lookups
        // in Hibernate's query-interpretation cache (SelectInterpretationsKey.equals over many keys of
        // one hash) were 13.5 % of the webhook's CPU under load; the cache key includes a result
        // mapping made per query, so each call most likely added a key no later lookup matched.
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                        .setParameter("key", namespace + ":" + key)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
