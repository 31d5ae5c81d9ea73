package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The tokens of v4 connections: a v4 business has none of its own, it uses its grant's. A refresh is
 * a refresh of the grant (once for all of its businesses, exactly once across replicas: the lease on
 * the grant row). ConnectionService hands v4 businesses to this class, so its callers (the outbox,
 * the business calls) need not know which API a business uses.
 */
@ApplicationScoped
class GrantTokens {

    /** An access token this close to expiry is refreshed before it is handed out. */
    private static final Duration MIN_VALIDITY = Duration.ofSeconds(30);

    private final GrantRepository grants;
    private final ConnectionRepository connections;
    private final GrantStore store;
    private final GrantRefresher refresher;
    private final TokenCipher cipher;
    private final Duration lease;

    GrantTokens(GrantRepository grants, ConnectionRepository connections, GrantStore store, GrantRefresher refresher,
            TokenCipher cipher, GatewayConfig config) {
        this.grants = grants;
        this.connections = connections;
        this.store = store;
        this.refresher = refresher;
        this.cipher = cipher;
        this.lease = config.refresh().lease();
    }

    /** The grant's bearer token, refreshed first when it is (nearly) expired by the database's clock. */
    Uni<AccessToken> accessTokenFor(Connection row, Instant now) {
        return grantOf(row).chain(grant -> {
            AccessToken.NotConnected notConnected = notConnected(row, grant);
            if (notConnected != null) {
                return Uni.createFrom().item(notConnected);
            }
            if (grant.accessTokenExpiresAt != null && grant.accessTokenExpiresAt.isAfter(now.plus(MIN_VALIDITY))) {
                return Uni.createFrom().item(bearer(grant));
            }
            boolean stillValid = grant.accessTokenExpiresAt != null && grant.accessTokenExpiresAt.isAfter(now);
            AccessToken current = stillValid ? bearer(grant) : null;
            return refreshNow(row.businessPk).map(token -> current == null ? token
                    : token.fold(bearer -> token, none -> token, unavailable -> current));
        });
    }

    /** The grant's token as stored, and whether a refresh of the grant holds a live lease (read first). */
    Uni<StoredToken> storedToken(Connection row) {
        if (row.grantId == null) {
            return Uni.createFrom().item(new StoredToken(notConnected(row, null), false));
        }
        return grants.refreshRunning(row.grantId).chain(running -> grants.findById(row.grantId).map(grant -> {
            AccessToken.NotConnected notConnected = notConnected(row, grant);
            return new StoredToken(notConnected != null ? notConnected : bearer(grant), running);
        }));
    }

    Uni<AccessToken> refreshNow(String businessPk) {
        return asAccessToken(store.claimForBusiness(businessPk, lease).chain(refresher::refresh));
    }

    /**
     * Refreshes the grant only if its stored token is still the refused one (under the grant's row
     * lock); else the token another caller stored meanwhile, with no second refresh.
     */
    Uni<AccessToken> replaceRefused(String businessPk, String refusedToken) {
        Uni<GrantRefresh> refreshed = store.claimToReplace(businessPk, refusedToken, lease)
                .chain(claim -> claim == null ? Uni.createFrom().nullItem() : refresher.refresh(claim));
        return asAccessToken(refreshed).chain(token -> token != null ? Uni.createFrom().item(token)
                : connections.findByBusinessPk(businessPk).chain(this::storedToken).map(StoredToken::token));
    }

    /** The partner API's refresh of a v4 connection: its grant, then the connection as it is now. */
    Uni<Connection> refresh(String businessPk) {
        return store.claimForBusiness(businessPk, lease).chain(refresher::refresh)
                .invoke(outcome -> outcome.throwUnlessRefreshed(businessPk))
                .chain(() -> connections.findByBusinessPk(businessPk));
    }

    private static Uni<AccessToken> asAccessToken(Uni<GrantRefresh> refresh) {
        return refresh.map(result -> result == null ? null : result.asAccessToken())
                .onFailure(ConnectionChecks::refusedClaim).recoverWithItem(ConnectionChecks::tokenAfterRefusedClaim);
    }

    private Uni<OAuthGrant> grantOf(Connection row) {
        return row.grantId == null ? Uni.createFrom().nullItem() : grants.findById(row.grantId);
    }

    private static AccessToken.NotConnected notConnected(Connection row, OAuthGrant grant) {
        if (row.status != ConnectionStatus.CONNECTED || grant == null) {
            return new AccessToken.NotConnected("connection " + row.businessPk + " is " + row.status);
        }
        if (grant.status != OAuthGrant.Status.ACTIVE || grant.accessToken() == null) {
            return new AccessToken.NotConnected("connection " + row.businessPk + " needs re-authorization");
        }
        return null;
    }

    private AccessToken bearer(OAuthGrant grant) {
        String token = cipher.open(grant.accessToken(), OAuthGrant.context(grant.id, "access_token"));
        return new AccessToken.Bearer(token, grant.accessTokenExpiresAt);
    }
}
