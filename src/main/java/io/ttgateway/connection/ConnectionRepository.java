package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class ConnectionRepository implements PanacheRepositoryBase<Connection, Long> {

    /**
     * Rows that may be refreshed: legacy (a v4 row has no tokens of its own: its grant is refreshed),
     * CONNECTED, refresh token still valid, not backing off, no live lease.
     */
    private static final String REFRESHABLE = "api_version = 'legacy' and status = 'CONNECTED'"
            + " and (refresh_token_expires_at is null or refresh_token_expires_at > now())"
            + " and (next_refresh_attempt_at is null or next_refresh_attempt_at <= now())"
            + " and (refresh_lease_until is null or refresh_lease_until < now())";

    /**
     * The database's now() (the start of the current transaction). Leases, due times and expiries are
     * compared with now() in SQL, by every replica; so they are computed from it too, never from this
     * replica's clock.
     */
    public Uni<Instant> databaseNow() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select (extract(epoch from now()) * 1000000)::bigint", Long.class)
                .getSingleResult())
                .map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    /** A row (null if none) and the database's now() when it was read. */
    public record AtNow(Connection row, Instant now) {
    }

    /** The business's row with the database's now(), to compare its expiries with the clock that set them. */
    public Uni<AtNow> findByBusinessPkAtDatabaseNow(String businessPk) {
        return databaseNow().chain(now -> findByBusinessPk(businessPk).map(row -> new AtNow(row, now)));
    }

    public Uni<Connection> findByBusinessPk(String businessPk) {
        return find("businessPk", businessPk).firstResult();
    }

    public Uni<Connection> findByBusinessPkForUpdate(String businessPk) {
        return find("businessPk", businessPk).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Connection>> listNewestFirst() {
        return listAll(Sort.descending("connectedAt").and("id", Sort.Direction.Descending));
    }

    /** The connections of a grant that are not DISCONNECTED, locked, in business order (one lock order everywhere). */
    public Uni<List<Connection>> listLiveByGrantForUpdate(long grantId) {
        return find("grantId = ?1 and status <> ?2 order by businessPk", grantId, ConnectionStatus.DISCONNECTED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<Connection>> listByIds(List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /**
     * Locks (FOR UPDATE SKIP LOCKED) up to {@code limit} refreshable rows whose access token expires
     * within {@code ahead}. Rows another replica is claiming right now are skipped, and PostgreSQL
     * re-checks the condition on the newest row version, so a row whose lease was just taken is not
     * returned. Call inside a transaction; the locks last until it ends.
     */
    public Uni<List<Long>> lockDueForRefresh(Duration ahead, int limit) {
        return lockIds("select id from connection where " + REFRESHABLE
                + " and access_token_expires_at <= now() + make_interval(secs => :ahead)"
                + " order by access_token_expires_at limit :limit for update skip locked",
                ahead.toSeconds(), limit);
    }

    /** Locks CONNECTED rows whose refresh token (720 h) has expired and nobody is refreshing. */
    public Uni<List<Long>> lockRefreshTokenExpired(int limit) {
        return lockIds("select id from connection where api_version = 'legacy' and status = 'CONNECTED'"
                + " and refresh_token_expires_at <= now() + make_interval(secs => :ahead)"
                + " and (refresh_lease_until is null or refresh_lease_until < now())"
                + " order by id limit :limit for update skip locked", 0L, limit);
    }

    private Uni<List<Long>> lockIds(String sql, long aheadSeconds, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("ahead", aheadSeconds)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** How many connections are in each status (statuses without any are absent). */
    public Uni<Map<ConnectionStatus, Long>> countByStatus() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select c.status, count(c) from Connection c group by c.status", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (ConnectionStatus) row[0], row -> (Long) row[1])));
    }
}
