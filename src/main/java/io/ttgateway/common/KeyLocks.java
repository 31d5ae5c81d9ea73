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
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select count(*) from pg_advisory_xact_lock(hashtextextended(:key, 0))",
                                Long.class)
                        .setParameter("key", namespace + ":" + key)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
