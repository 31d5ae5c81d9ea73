package io.ttgateway.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboundMessage, UUID> {

    /**
     * Leases up to {@code limit} due messages to {@code owner}. SKIP LOCKED lets replicas claim side by
     * side without waiting; an expired lease (a worker that died mid-send) makes a row claimable again.
     * The claim commits at once: no transaction stays open while Thumbtack is called.
     */
    public Uni<List<OutboundMessage>> claimDue(UUID owner, Instant now, Instant leaseUntil, int limit) {
        String sql = "update outbound_message set lease_owner = :owner, lease_until = :leaseUntil,"
                + " attempts = attempts + 1, updated_at = :now"
                + " where id in (select id from outbound_message where status = 'PENDING'"
                + " and next_attempt_at <= :now and (lease_until is null or lease_until < :now)"
                + " order by next_attempt_at limit :limit for update skip locked) returning *";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, OutboundMessage.class)
                .setParameter("owner", owner)
                .setParameter("leaseUntil", leaseUntil)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<OutboundMessage> findByIdempotencyKey(String businessId, String key) {
        return find("businessId = ?1 and idempotencyKey = ?2", businessId, key).firstResult();
    }

    public Uni<List<OutboundMessage>> forLead(String leadId) {
        return list("leadId", Sort.by("createdAt").and("id"), leadId);
    }

    /** Pending count and the age in seconds of the oldest pending message. */
    public Uni<double[]> backlog() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
                                + " from outbound_message where status = 'PENDING'", Object[].class)
                .getSingleResult())
                .map(row -> new double[] {((Number) row[0]).doubleValue(), ((Number) row[1]).doubleValue()});
    }
}
