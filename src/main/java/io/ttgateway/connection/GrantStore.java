package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.common.ResourceNotFoundException;
import io.ttgateway.thumbtackv4.V4Business;
import io.ttgateway.thumbtackv4.V4Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Writes of v4 grants and of the v4 connections that use them: each method is one short transaction,
 * never open across a Thumbtack call; instants are reckoned from the database's now().
 *
 * <p>Lock order, the same in every method, so that two of them never wait for each other in a
 * circle: the connections (in business order), then the grant.
 */
@ApplicationScoped
public class GrantStore {

    private static final Logger LOG = Logger.getLogger(GrantStore.class);

    /** Thumbtack's v4 refresh tokens live up to 180 days; each refresh starts that again. */
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(180);

    private final GrantRepository grants;
    private final ConnectionRepository connections;
    private final TokenCipher cipher;
    private final ConnectionEvents events;
    private final KeyLocks locks;
    private final RefreshSchedule schedule;

    GrantStore(GrantRepository grants, ConnectionRepository connections, TokenCipher cipher, ConnectionEvents events,
            KeyLocks locks, RefreshSchedule schedule) {
        this.grants = grants;
        this.connections = connections;
        this.cipher = cipher;
        this.events = events;
        this.locks = locks;
        this.schedule = schedule;
    }

    /** What a v4 connect stored: the new grant, one connection per business, and the businesses moved from legacy. */
    public record V4Connected(long grantId, List<Connection> connections, List<String> migratedFromLegacy) {
    }

    private record Attached(Connection connection, boolean migrated, Long formerGrantId) {
    }

    /**
     * Stores a v4 connect: a new grant with the token pair, and for each business its one connection
     * (created, taken over from the legacy flow, or moved from the pro's former grant), with events.
     * A former grant no business uses any more has its tokens erased (REVOKED).
     */
    @WithTransaction
    public Uni<V4Connected> storeConnect(V4Tokens tokens, List<String> scopes, List<V4Business> businesses) {
        Map<String, V4Business> byId = new LinkedHashMap<>();
        businesses.stream().sorted(Comparator.comparing(V4Business::businessID))
                .forEach(business -> byId.putIfAbsent(business.businessID(), business));
        return connections.databaseNow().chain(now -> {
            OAuthGrant grant = new OAuthGrant();
            grant.scopes = tokens.scope() != null && !tokens.scope().isBlank() ? tokens.scope() : String.join(" ", scopes);
            // Inserted without tokens first: they are sealed bound to the grant's id, known after the insert.
            grant.status = OAuthGrant.Status.REVOKED;
            grant.createdAt = now;
            grant.updatedAt = now;
            return grants.persist(grant).call(() -> Panache.getSession().chain(session -> session.flush()))
                    .chain(saved -> {
                        applyTokens(saved, tokens, now);
                        return attachAll(saved, List.copyOf(byId.values()), now)
                                .call(attached -> revokeUnused(attached.stream().map(Attached::formerGrantId)
                                        .filter(Objects::nonNull).distinct().toList(), now))
                                .map(attached -> new V4Connected(saved.id,
                                        attached.stream().map(Attached::connection).toList(),
                                        attached.stream().filter(Attached::migrated)
                                                .map(a -> a.connection().businessPk).toList()));
                    });
        });
    }

    private Uni<List<Attached>> attachAll(OAuthGrant grant, List<V4Business> businesses, Instant now) {
        return Multi.createFrom().iterable(businesses)
                .onItem().transformToUniAndConcatenate(business -> attach(grant, business, now))
                .collect().asList();
    }

    private Uni<Attached> attach(OAuthGrant grant, V4Business business, Instant now) {
        String businessPk = business.businessID();
        return locks.lock("connection", businessPk)
                .chain(() -> connections.findByBusinessPkForUpdate(businessPk))
                .chain(existing -> {
                    Connection row = existing != null ? existing : new Connection();
                    if (existing == null) {
                        row.businessPk = businessPk;
                    }
                    boolean migrated = existing != null && existing.apiVersion == ApiVersion.LEGACY
                            && existing.status != ConnectionStatus.DISCONNECTED;
                    Long former = existing != null && existing.grantId != null && !existing.grantId.equals(grant.id)
                            ? existing.grantId : null;
                    row.apiVersion = ApiVersion.V4;
                    row.grantId = grant.id;
                    row.businessName = business.name();
                    row.scopes = String.join(",", grant.scopes.split("\\s+"));
                    row.status = ConnectionStatus.CONNECTED;
                    // A legacy row's own tokens are erased here; Thumbtack is told after the commit.
                    row.erasePair(now);
                    row.refreshFailures = 0;
                    row.lastRefreshError = null;
                    row.connectedAt = now;
                    return connections.persist(row)
                            .call(saved -> events.connected(saved, existing != null))
                            .call(saved -> migrated ? events.migrated(saved, ApiVersion.LEGACY) : Uni.createFrom().voidItem())
                            .map(saved -> new Attached(saved, migrated, former));
                });
    }

    /**
     * Erases the tokens of each of these grants that no connection uses any more (its lease goes too).
     * Runs in the caller's transaction, after the caller's connection row locks (the lock order).
     */
    Uni<Void> revokeUnused(List<Long> grantIds, Instant now) {
        if (grantIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.flush())
                .chain(() -> Multi.createFrom().iterable(grantIds.stream().sorted().toList())
                        .onItem().transformToUniAndConcatenate(id -> grants.findForUpdate(id)
                                .chain(grant -> grant == null ? Uni.createFrom().voidItem()
                                        : grants.inUse(id).invoke(inUse -> {
                                            if (!inUse) {
                                                revoke(grant, now);
                                            }
                                        }).replaceWithVoid()))
                        .collect().last().replaceWithVoid());
    }

    private static void revoke(OAuthGrant grant, Instant now) {
        grant.status = OAuthGrant.Status.REVOKED;
        grant.erasePair(now);
        LOG.infof("grant %d no longer used by any business: its tokens are erased", grant.id);
    }

    // --- Refresh -----------------------------------------------------------------------------------

    /** The grants leased for refresh, and how many due grants were leased in all (unreadable ones too). */
    public record DueGrants(List<GrantClaim> claims, int leased) {
    }

    /** Leases up to {@code limit} grants whose access token expires within {@code ahead} (or whose refresh token expired). */
    @WithTransaction
    public Uni<DueGrants> claimDue(Duration ahead, int limit, Duration lease) {
        return grants.lockDueForRefresh(ahead, limit)
                .chain(ids -> grants.listByIds(ids))
                .chain(rows -> connections.databaseNow().map(now -> {
                    List<GrantClaim> claims = new ArrayList<>();
                    for (OAuthGrant row : rows) {
                        try {
                            claims.add(lease(row, lease, now));
                        } catch (IllegalStateException unreadable) {
                            // Keeps the lease: skipped until it runs out, the others go on meanwhile.
                            LOG.warnf("refresh of grant %d skipped until %s: %s", row.id, row.refreshLeaseUntil,
                                    unreadable.getMessage());
                        }
                    }
                    return new DueGrants(claims, rows.size());
                }));
    }

    /**
     * Leases the grant of a v4 business for an on-demand refresh. Fails with ResourceNotFoundException,
     * ConflictException (disconnected, needs re-authorization) or RefreshBusyException.
     */
    @WithTransaction
    public Uni<GrantClaim> claimForBusiness(String businessPk, Duration lease) {
        return lockedGrantOf(businessPk).chain(grant -> connections.databaseNow()
                .map(now -> lease(requireRefreshable(grant, businessPk, now), lease, now)));
    }

    /**
     * Leases the business's grant for a refresh only if the grant's stored access token is still
     * {@code refused}; null when it was replaced meanwhile (by anyone, for any business of the grant).
     * The check and the lease are one step under the grant's row lock. Fails with
     * RefreshBackOffException while the grant backs off after a failed refresh: callers refused with 401
     * meanwhile (every send and read of the grant's businesses) would otherwise each refresh at once,
     * against a token endpoint that just failed.
     */
    @WithTransaction
    public Uni<GrantClaim> claimToReplace(String businessPk, String refused, Duration lease) {
        return lockedGrantOf(businessPk).chain(grant -> connections.databaseNow().map(now -> {
            OAuthGrant refreshable = requireRefreshable(grant, businessPk, now);
            String stored = cipher.open(refreshable.accessToken(), OAuthGrant.context(grant.id, "access_token"));
            if (!refused.equals(stored)) {
                return null;
            }
            refreshable.requireNotBackingOff(businessPk, now);
            return lease(refreshable, lease, now);
        }));
    }

    private Uni<OAuthGrant> lockedGrantOf(String businessPk) {
        return connections.findByBusinessPk(businessPk).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new ResourceNotFoundException("no connection for business " + businessPk));
            }
            if (row.status == ConnectionStatus.DISCONNECTED || row.grantId == null) {
                return Uni.createFrom().failure(new ConflictException("connection " + businessPk
                        + " is disconnected; the pro must connect again"));
            }
            return grants.findForUpdate(row.grantId);
        });
    }

    private static OAuthGrant requireRefreshable(OAuthGrant grant, String businessPk, Instant now) {
        if (grant == null || grant.status == OAuthGrant.Status.REVOKED || grant.refreshToken() == null) {
            throw new ConflictException("connection " + businessPk + " is disconnected; the pro must connect again");
        }
        if (grant.status == OAuthGrant.Status.NEEDS_REAUTH) {
            throw new ConflictException("connection " + businessPk + " needs re-authorization: "
                    + grant.lastRefreshError + "; the pro must connect again");
        }
        if (grant.leaseHeld(now)) {
            throw new RefreshBusyException(businessPk);
        }
        return grant;
    }

    /** The refresh worked: the new access token and the rotated refresh token, in one statement. */
    @WithTransaction
    public Uni<GrantRefresh> storeRefreshed(GrantClaim claim, V4Tokens tokens) {
        return leased(claim).map(leased -> {
            if (leased == null) {
                return new GrantRefresh.LeaseLost();
            }
            applyTokens(leased.grant(), tokens, leased.now());
            return new GrantRefresh.Refreshed(claim.grantId(), tokens.accessToken(), leased.grant().accessTokenExpiresAt);
        });
    }

    /**
     * Thumbtack refused the refresh token, or it expired: the grant and every connection of it that is
     * CONNECTED become NEEDS_REAUTH (one event each). Tokens are kept, as for legacy connections.
     */
    @WithTransaction
    public Uni<GrantRefresh> storeNeedsReauth(GrantClaim claim, String reason, boolean refused, Duration pause) {
        return connections.listLiveByGrantForUpdate(claim.grantId()).chain(rows -> leased(claim).chain(leased -> {
            if (leased == null) {
                return Uni.createFrom().item(new GrantRefresh.LeaseLost());
            }
            OAuthGrant grant = leased.grant();
            grant.status = OAuthGrant.Status.NEEDS_REAUTH;
            grant.refusedFor(reason, pause, leased.now());
            return Multi.createFrom().iterable(rows)
                    .filter(row -> row.status == ConnectionStatus.CONNECTED)
                    .onItem().transformToUniAndConcatenate(row -> {
                        row.status = ConnectionStatus.NEEDS_REAUTH;
                        row.lastRefreshError = reason;
                        row.updatedAt = leased.now();
                        return events.needsReauth(row, reason);
                    })
                    .collect().asList()
                    .replaceWith(new GrantRefresh.NeedsReauth(reason, refused));
        }));
    }

    /** The refresh failed for a passing reason: exponential back-off, status unchanged; null if the lease was lost. */
    @WithTransaction
    public Uni<Instant> storeFailed(GrantClaim claim, String reason, Duration initial, Duration max) {
        return leased(claim).map(leased -> {
            if (leased == null) {
                return null;
            }
            OAuthGrant grant = leased.grant();
            grant.backOff(reason, initial, max, leased.now());
            return grant.nextRefreshAttemptAt;
        });
    }

    // --- Disconnect --------------------------------------------------------------------------------

    /**
     * DISCONNECTED with event; the grant's tokens are erased when no business of it is left connected.
     * False when the business was already disconnected.
     */
    @WithTransaction
    public Uni<Boolean> markDisconnected(String businessPk) {
        return connections.findByBusinessPkForUpdate(businessPk).chain(row -> {
            if (row == null || row.status == ConnectionStatus.DISCONNECTED) {
                return Uni.createFrom().item(false);
            }
            return connections.databaseNow().chain(now -> {
                row.status = ConnectionStatus.DISCONNECTED;
                row.updatedAt = now;
                return events.disconnected(row)
                        .call(() -> row.grantId == null ? Uni.createFrom().voidItem()
                                : revokeUnused(List.of(row.grantId), now))
                        .replaceWith(true);
            });
        });
    }

    // --- Helpers -----------------------------------------------------------------------------------

    private record Leased(OAuthGrant grant, Instant now) {
    }

    /** The leased grant, locked, or null when the lease is no longer ours (expired and re-taken, revoked). */
    private Uni<Leased> leased(GrantClaim claim) {
        return grants.findForUpdate(claim.grantId()).chain(grant ->
                grant != null && claim.leaseId().equals(grant.refreshLeaseId)
                        ? connections.databaseNow().map(now -> new Leased(grant, now))
                        : Uni.createFrom().nullItem());
    }

    private GrantClaim lease(OAuthGrant grant, Duration lease, Instant now) {
        String leaseId = grant.takeLease(lease, now);
        String refreshToken = cipher.open(grant.refreshToken(), OAuthGrant.context(grant.id, "refresh_token"));
        return new GrantClaim(grant.id, leaseId, refreshToken, grant.refreshTokenExpired(now));
    }

    private void applyTokens(OAuthGrant grant, V4Tokens tokens, Instant now) {
        Duration lifetime = Duration.ofSeconds(tokens.expiresIn());
        grant.storePair(cipher.seal(tokens.accessToken(), OAuthGrant.context(grant.id, "access_token")),
                cipher.seal(tokens.refreshToken(), OAuthGrant.context(grant.id, "refresh_token")),
                lifetime, REFRESH_TOKEN_LIFETIME, schedule.notBefore(lifetime, now), now);
        grant.status = OAuthGrant.Status.ACTIVE;
    }
}
