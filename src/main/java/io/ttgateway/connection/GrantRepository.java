package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.util.List;

@ApplicationScoped
@WithSession
public class GrantRepository implements PanacheRepositoryBase<OAuthGrant, Long> {

    /** Grants that may be refreshed: ACTIVE, not backing off, no live lease (all by the database's clock). */
    private static final String REFRESHABLE = """
            status = 'ACTIVE'
              and (next_refresh_attempt_at is null or next_refresh_attempt_at <= now())
              and (refresh_lease_until is null or refresh_lease_until < now())""";

    public Uni<OAuthGrant> findForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<OAuthGrant>> listByIds(List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /**
     * Locks (FOR UPDATE SKIP LOCKED) up to {@code limit} refreshable grants whose access token expires
     * within {@code ahead}, or whose refresh token has (they become NEEDS_REAUTH). A grant another
     * replica is claiming right now is skipped; PostgreSQL re-checks the condition on the newest row
     * version, so a grant whose lease was just taken is not returned. Call inside a transaction.
     */
    public Uni<List<Long>> lockDueForRefresh(Duration ahead, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select id from oauth_grant where "
                        + REFRESHABLE + """
                          and (access_token_expires_at <= now() + make_interval(secs => :ahead)
                               or refresh_token_expires_at <= now())
                        order by access_token_expires_at limit :limit for update skip locked""", Long.class)
                .setParameter("ahead", ahead.toSeconds())
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Whether the grant has a connection left that is not DISCONNECTED (and so still needs its tokens). */
    public Uni<Boolean> inUse(long grantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select exists (select 1 from connection where grant_id = :grant
                                       and status <> 'DISCONNECTED')""", Boolean.class)
                .setParameter("grant", grantId)
                .getSingleResult());
    }

    /** Whether a refresh of the grant holds a live lease, by the database's clock. */
    public Uni<Boolean> refreshRunning(long grantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select exists (select 1 from oauth_grant where id = :id and refresh_lease_until > now())",
                        Boolean.class)
                .setParameter("id", grantId)
                .getSingleResult());
    }
}
