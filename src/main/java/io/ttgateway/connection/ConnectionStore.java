package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.thumbtack.ThumbtackInfo;
import io.ttgateway.thumbtack.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes of connections: each method is one short transaction, never open across a Thumbtack call.
 * Every instant written (expiries, due times, leases, back-offs) is reckoned from the database's now(),
 * the clock every replica compares them with.
 */
@ApplicationScoped
public class ConnectionStore {

    private static final Logger LOG = Logger.getLogger(ConnectionStore.class);

    /** Thumbtack's refresh tokens live 720 hours from issue. */
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofHours(720);

    private final ConnectionRepository connections;
    private final TokenCipher cipher;
    private final ConnectionEvents events;
    private final KeyLocks locks;
    private final RefreshSchedule schedule;
    private final GrantStore grants;

    ConnectionStore(ConnectionRepository connections, TokenCipher cipher, ConnectionEvents events, KeyLocks locks,
            RefreshSchedule schedule, GrantStore grants) {
        this.grants = grants;
        this.connections = connections;
        this.cipher = cipher;
        this.events = events;
        this.locks = locks;
        this.schedule = schedule;
    }

    /** Inserts or updates the business's row (one row per business_pk), CONNECTED, with the new tokens. */
    @WithTransaction
    public Uni<Connection> upsertConnected(ThumbtackInfo info, TokenResponse tokens, List<String> fallbackScopes) {
        return locks.lock("connection", info.businessPk())
                .chain(() -> connections.databaseNow())
                .chain(now -> connections.findByBusinessPkForUpdate(info.businessPk()).chain(existing -> {
                    Connection connection = existing != null ? existing : new Connection();
                    if (existing == null) {
                        connection.businessPk = info.businessPk();
                    }
                    connection.businessName = info.businessName();
                    // A business connected through the legacy flow goes through it from now on, also one
                    // that was on v4 (its grant is left to the v4 rules: erased once no business uses it).
                    Long formerGrant = connection.grantId;
                    connection.apiVersion = ApiVersion.LEGACY;
                    connection.grantId = null;
                    List<String> scopes = info.scopes().isEmpty() ? fallbackScopes : info.scopes();
                    connection.scopes = String.join(",", scopes);
                    connection.connectedAt = now;
                    applyTokens(connection, tokens, now);
                    return connections.persist(connection)
                            .call(saved -> events.connected(saved, existing != null))
                            .call(saved -> formerGrant == null ? Uni.createFrom().voidItem()
                                    : grants.revokeUnused(List.of(formerGrant), now));
                }));
    }

    /** Leases up to {@code limit} connections whose access token expires within {@code ahead}. */
    @WithTransaction
    public Uni<DueClaims> claimDue(Duration ahead, int limit, Duration lease) {
        return connections.lockDueForRefresh(ahead, limit)
                .chain(ids -> connections.listByIds(ids))
                .chain(rows -> connections.databaseNow().map(now -> {
                    List<Claim> claims = new ArrayList<>();
                    for (Connection row : rows) {
                        Claim claim = leaseReadable(row, lease, now);
                        if (claim != null) {
                            claims.add(claim);
                        }
                    }
                    return new DueClaims(claims, rows.size());
                }));
    }

    /** The connections leased for refresh, and how many due rows were leased in all (unreadable ones too). */
    public record DueClaims(List<Claim> claims, int leased) {
    }

    /**
     * Leases the row; null when its refresh token cannot be decrypted (its key is not configured): the
     * row keeps the lease, so it is skipped until the lease runs out and the others are refreshed
     * meanwhile, and the log says once per lease what to do. One such row used to fail the whole run.
     */
    private Claim leaseReadable(Connection row, Duration lease, Instant now) {
        try {
            return lease(row, lease, now);
        } catch (IllegalStateException unreadable) {
            LOG.warnf("token refresh skipped for business %s until %s: %s", row.businessPk, row.refreshLeaseUntil,
                    unreadable.getMessage());
            return null;
        }
    }

    /**
     * Leases one connection for an on-demand refresh. Fails with ResourceNotFoundException (unknown),
     * ConflictException (disconnected) or RefreshBusyException (another refresh holds the lease).
     */
    @WithTransaction
    public Uni<Claim> claimOne(String businessPk, Duration lease) {
        return connections.findByBusinessPkForUpdate(businessPk).chain(row -> connections.databaseNow().map(now -> {
            ConnectionChecks.requireRefreshable(row, businessPk, now);
            return lease(row, lease, now);
        }));
    }

    /**
     * Leases the connection for a refresh only if its stored access token is still {@code refused}: a
     * caller that saw Thumbtack refuse a token must not rotate the pair again when another caller (this
     * replica or another) replaced it in the meantime. Null when it was replaced; the row lock makes the
     * check and the lease one step. Fails as {@link #claimOne} does, and with RefreshBackOffException
     * while the connection backs off after a failed refresh.
     */
    @WithTransaction
    public Uni<Claim> claimToReplace(String businessPk, String refused, Duration lease) {
        return connections.findByBusinessPkForUpdate(businessPk).chain(row -> connections.databaseNow().map(now -> {
            ConnectionChecks.requireRefreshable(row, businessPk, now);
            String stored = cipher.open(row.accessToken(), Connection.context(row.businessPk, "access_token"));
            if (!refused.equals(stored)) {
                return null;
            }
            row.requireNotBackingOff(businessPk, now);
            return lease(row, lease, now);
        }));
    }

    /** Whether a refresh of the business holds a live lease, by the database's clock (false: no such row). */
    @WithSession
    public Uni<Boolean> refreshRunning(String businessPk) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select exists (select 1 from connection where business_pk = :pk"
                                + " and refresh_lease_until > now())", Boolean.class)
                .setParameter("pk", businessPk)
                .getSingleResult());
    }

    /** The refresh worked: new pair, CONNECTED, failures cleared. Null if the lease was lost meanwhile. */
    @WithTransaction
    public Uni<Connection> storeRefreshed(Claim claim, TokenResponse tokens) {
        return leased(claim).chain(leased -> {
            if (leased == null) {
                return Uni.createFrom().nullItem();
            }
            Connection row = leased.row();
            boolean recovered = row.status == ConnectionStatus.NEEDS_REAUTH;
            applyTokens(row, tokens, leased.now());
            // A NEEDS_REAUTH connection refreshed by hand works again: say so in the feed.
            return recovered ? events.connected(row, true).replaceWith(row) : Uni.createFrom().item(row);
        });
    }

    /** Thumbtack refused the refresh token, or it expired: NEEDS_REAUTH, event, long back-off. */
    @WithTransaction
    public Uni<Connection> storeNeedsReauth(Claim claim, String reason, Duration pause) {
        return leased(claim).chain(leased -> leased == null ? Uni.createFrom().nullItem()
                : needsReauth(leased.row(), reason, pause, leased.now()));
    }

    /** The refresh failed for a passing reason: exponential back-off, status unchanged. */
    @WithTransaction
    public Uni<Connection> storeFailed(Claim claim, String reason, Duration initial, Duration max) {
        return leased(claim).map(leased -> {
            if (leased == null) {
                return null;
            }
            Connection row = leased.row();
            row.backOff(reason, initial, max, leased.now());
            return row;
        });
    }

    /** CONNECTED rows whose refresh token has expired become NEEDS_REAUTH (one event each). */
    @WithTransaction
    public Uni<Integer> expireRefreshTokens(int limit, Duration pause) {
        return connections.lockRefreshTokenExpired(limit)
                .chain(ids -> connections.listByIds(ids))
                .chain(rows -> connections.databaseNow()
                        // One after the other: a reactive session runs one operation at a time.
                        .call(now -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(row ->
                                        needsReauth(row, "refresh token expired (720 h)", pause, now))
                                .collect().last())
                        .replaceWith(rows.size()));
    }

    /** Erases the tokens and marks the connection DISCONNECTED (with event); false if already so. */
    @WithTransaction
    public Uni<Boolean> markDisconnected(String businessPk) {
        return connections.findByBusinessPkForUpdate(businessPk).chain(row -> {
            if (row == null || row.status == ConnectionStatus.DISCONNECTED) {
                return Uni.createFrom().item(false);
            }
            return connections.databaseNow().chain(now -> {
                row.status = ConnectionStatus.DISCONNECTED;
                row.erasePair(now);
                return events.disconnected(row).replaceWith(true);
            });
        });
    }

    private Uni<Connection> needsReauth(Connection row, String reason, Duration pause, Instant now) {
        boolean changed = row.status != ConnectionStatus.NEEDS_REAUTH;
        row.status = ConnectionStatus.NEEDS_REAUTH;
        row.refusedFor(reason, pause, now);
        return (changed ? events.needsReauth(row, reason) : Uni.createFrom().voidItem()).replaceWith(row);
    }

    /** A leased row, locked, and the database's now() of the transaction that locked it. */
    private record Leased(Connection row, Instant now) {
    }

    /** The leased row, locked, or null when the lease is no longer ours (expired and re-taken, disconnected). */
    private Uni<Leased> leased(Claim claim) {
        return connections.findByBusinessPkForUpdate(claim.businessPk()).chain(row ->
                row != null && claim.leaseId().equals(row.refreshLeaseId)
                        ? connections.databaseNow().map(now -> new Leased(row, now))
                        : Uni.createFrom().nullItem());
    }

    private Claim lease(Connection row, Duration lease, Instant now) {
        String leaseId = row.takeLease(lease, now);
        String refreshToken = cipher.open(row.refreshToken(), Connection.context(row.businessPk, "refresh_token"));
        return new Claim(row.id, row.businessPk, leaseId, refreshToken, row.refreshTokenExpired(now));
    }

    private void applyTokens(Connection row, TokenResponse tokens, Instant now) {
        Duration lifetime = Duration.ofSeconds(tokens.expiresInSeconds());
        // Due at expiresAt - THUMBTACK_REFRESH_AHEAD (the job's condition); held back only where that
        // would be a loop: see RefreshSchedule.
        row.storePair(cipher.seal(tokens.accessToken(), Connection.context(row.businessPk, "access_token")),
                cipher.seal(tokens.refreshToken(), Connection.context(row.businessPk, "refresh_token")),
                lifetime, REFRESH_TOKEN_LIFETIME, schedule.notBefore(lifetime, now), now);
        row.status = ConnectionStatus.CONNECTED;
    }
}
