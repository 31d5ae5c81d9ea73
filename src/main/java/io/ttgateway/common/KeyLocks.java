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
        // Run as a statement without a result mapping: a native *select* with a result class adds a
        // new entry to Hibernate's query interpretation cache on every call (its key compares the
        // mapping by identity), which made lookups in that cache a top CPU cost under load.
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                        .setParameter("key", namespace + ":" + key)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
