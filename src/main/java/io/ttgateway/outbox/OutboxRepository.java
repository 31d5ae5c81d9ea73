package io.ttgateway.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboundMessage, UUID> {

    /**
     * Leases up to {@code limit} due messages to {@code owner}. SKIP LOCKED lets replicas claim side by
     * side without waiting; an expired lease (a worker that died mid-send) makes a row claimable again.
     * The claim commits at once: no transaction stays open while Thumbtack is called. Due times and
     * leases are compared with, and the new lease computed from, the database's now(): every replica
     * reads them, so no replica's own clock may decide.
     */
    public Uni<List<OutboundMessage>> claimDue(UUID owner, Duration lease, int limit) {
        String sql = """
                update outbound_message set lease_owner = :owner,
                       lease_until = now() + make_interval(secs => :leaseSeconds),
                       attempts = attempts + 1, updated_at = now()
                 where id in (select id from outbound_message
                               where status = 'PENDING' and next_attempt_at <= now()
                                 and (lease_until is null or lease_until < now())
                               order by next_attempt_at limit :limit for update skip locked)
                returning *""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, OutboundMessage.class)
                .setParameter("owner", owner)
                .setParameter("leaseSeconds", lease.toMillis() / 1000.0)
                .setParameter("limit", limit)
                .getResultList());
    }

    /**
     * As {@link #claimDue(UUID, Duration, int)}, with at most {@code legacyLimit} messages of businesses
     * whose connection is legacy (or who have none: the /v1 fallback) and at most {@code v4Limit} of
     * v4 businesses, {@code limit} in all: a paused API's messages stay untouched while the other's go.
     * The API is only read here to hold messages back; the sender reads it again at send time. Rows
     * locked by a branch but not taken by the outer limit are released when the claim commits.
     */
    public Uni<List<OutboundMessage>> claimDue(UUID owner, Duration lease, int limit, int legacyLimit, int v4Limit) {
        if (legacyLimit >= limit && v4Limit >= limit) {
            return claimDue(owner, lease, limit);
        }
        // Locking clauses may not stand in a UNION's branches: each API's rows are locked in a CTE of its own.
        String sql = """
                with legacy_due as (
                       select o.id, o.next_attempt_at from outbound_message o
                         left join connection c on c.business_pk = o.business_id
                        where o.status = 'PENDING' and o.next_attempt_at <= now()
                          and (o.lease_until is null or o.lease_until < now())
                          and coalesce(c.api_version, 'legacy') = 'legacy'
                        order by o.next_attempt_at limit :legacyLimit for update of o skip locked),
                     v4_due as (
                       select o.id, o.next_attempt_at from outbound_message o
                         join connection c on c.business_pk = o.business_id
                        where o.status = 'PENDING' and o.next_attempt_at <= now()
                          and (o.lease_until is null or o.lease_until < now())
                          and c.api_version = 'v4'
                        order by o.next_attempt_at limit :v4Limit for update of o skip locked)
                update outbound_message set lease_owner = :owner,
                       lease_until = now() + make_interval(secs => :leaseSeconds),
                       attempts = attempts + 1, updated_at = now()
                 where id in (select id from (select * from legacy_due union all select * from v4_due) due
                               order by next_attempt_at limit :limit)
                returning *""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, OutboundMessage.class)
                .setParameter("owner", owner)
                .setParameter("leaseSeconds", lease.toMillis() / 1000.0)
                .setParameter("limit", limit)
                .setParameter("legacyLimit", legacyLimit)
                .setParameter("v4Limit", v4Limit)
                .getResultList());
    }

    /** Inserts a new PENDING message, due now; created, updated and due by the database's clock. */
    public Uni<OutboundMessage> insertPending(UUID id, String businessId, String leadId, String text,
            String idempotencyKey) {
        String sql = """
                insert into outbound_message (id, business_id, lead_id, text, idempotency_key, status, attempts,
                                              next_attempt_at, created_at, updated_at)
                values (:id, :businessId, :leadId, :text, cast(:key as varchar), 'PENDING', 0, now(), now(), now())
                returning *""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, OutboundMessage.class)
                .setParameter("id", id)
                .setParameter("businessId", businessId)
                .setParameter("leadId", leadId)
                .setParameter("text", text)
                .setParameter("key", idempotencyKey)
                .getSingleResult());
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
