package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.ResourceNotFoundException;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackCallException;
import io.ttgateway.thumbtack.ThumbtackInfo;
import io.ttgateway.thumbtack.ThumbtackResult;
import io.ttgateway.thumbtack.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The lifecycle of a pro's connection. Call these methods outside any transaction of your own: they
 * call Thumbtack and open their own short transactions around the database work.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);
    /** An access token this close to expiry is refreshed before it is handed out. */
    private static final Duration MIN_VALIDITY = Duration.ofSeconds(30);

    private final ThumbtackApi thumbtack;
    private final ConnectionRepository connections;
    private final ConnectionStore store;
    private final TokenRefresher refresher;
    private final TokenCipher cipher;
    private final GrantTokens grantTokens;
    private final V4Connections v4;
    private final Duration lease;

    ConnectionService(ThumbtackApi thumbtack, ConnectionRepository connections, ConnectionStore store,
            TokenRefresher refresher, TokenCipher cipher, GrantTokens grantTokens, V4Connections v4,
            GatewayConfig config) {
        this.thumbtack = thumbtack;
        this.connections = connections;
        this.store = store;
        this.refresher = refresher;
        this.cipher = cipher;
        this.grantTokens = grantTokens;
        this.v4 = v4;
        this.lease = config.refresh().lease();
    }

    /**
     * The business's connection if it goes through v4, else null (legacy or unknown: the legacy code
     * paths answer those as they always did).
     */
    private Uni<Connection> v4Row(String businessPk) {
        return connections.findByBusinessPk(businessPk)
                .map(row -> row != null && row.apiVersion == ApiVersion.V4 ? row : null);
    }

    /**
     * Exchanges an authorization code, asks Thumbtack whose token it is, and stores the connection
     * (one row per business). Fails with ThumbtackCallException (502/504) when Thumbtack says no or
     * does not answer.
     */
    public Uni<Connection> connectWithCode(String code, List<String> requestedScopes) {
        return thumbtack.exchangeCode(code).chain(answer -> answer.fold(
                tokens -> thumbtack.thumbtackInfo(tokens.accessToken())
                        .chain(info -> store(info, tokens, requestedScopes)),
                rejected -> Uni.createFrom().<Connection>failure(answer.toException("exchanging the authorization code")),
                failed -> Uni.createFrom().<Connection>failure(answer.toException("exchanging the authorization code"))
        )).invoke(connection -> LOG.infof("business %s connected", connection.businessPk));
    }

    private Uni<Connection> store(ThumbtackResult<ThumbtackInfo> answer, TokenResponse tokens, List<String> scopes) {
        String what = "reading the business of the new token";
        return answer.fold(info -> {
            if (info.businessPk() == null || info.businessPk().isBlank()) {
                return Uni.createFrom().failure(new ThumbtackCallException(502,
                        what + ": Thumbtack's answer has no business_pk"));
            }
            return store.upsertConnected(info, tokens, scopes);
        }, rejected -> Uni.createFrom().failure(answer.toException(what)),
                failed -> Uni.createFrom().failure(answer.toException(what)));
    }

    public Uni<List<Connection>> list() {
        return connections.listNewestFirst();
    }

    public Uni<Connection> get(String businessPk) {
        return connections.findByBusinessPk(businessPk).map(row -> {
            if (row == null) {
                throw new ResourceNotFoundException("no connection for business " + businessPk);
            }
            return row;
        });
    }

    /**
     * Refreshes now, whatever the expiry. Fails with ResourceNotFoundException, ConflictException (disconnected,
     * refresh token expired, or a refresh already running) or ThumbtackCallException.
     */
    public Uni<Connection> refresh(String businessPk) {
        return v4Row(businessPk).chain(v4row -> v4row != null ? grantTokens.refresh(businessPk)
                : refreshLegacy(businessPk));
    }

    private Uni<Connection> refreshLegacy(String businessPk) {
        return refreshResult(businessPk).map(result -> result.fold(
                refreshed -> refreshed.connection(),
                reauth -> {
                    if (reauth.answer() != null) {
                        throw reauth.answer().toException(
                                "refreshing the token (the connection now needs re-authorization)");
                    }
                    throw new ConflictException("connection " + businessPk + ": " + reauth.reason());
                },
                failed -> {
                    throw failed.answer().toException("refreshing the token");
                },
                leaseLost -> {
                    throw new ConflictException("connection " + businessPk + " changed while it was refreshed; retry");
                }));
    }

    /**
     * For code calling Thumbtack for a business, e.g. once more after a 401: refreshes now and hands
     * out the new token, or says why not (NotConnected: permanent until the pro reconnects;
     * Unavailable: passing, try later). Database failures are left as failures.
     */
    public Uni<AccessToken> refreshNow(String businessPk) {
        return v4Row(businessPk).chain(v4row -> v4row != null ? grantTokens.refreshNow(businessPk)
                : asAccessToken(businessPk, refreshResult(businessPk)));
    }

    /**
     * For a caller whose token Thumbtack refused: a new token, by refreshing only if the stored token is
     * still the refused one (checked under the row lock that takes the lease); if another caller already
     * replaced it, that token, with no second refresh.
     */
    public Uni<AccessToken> replaceRefused(String businessPk, String refusedToken) {
        return v4Row(businessPk).chain(v4row -> v4row != null ? grantTokens.replaceRefused(businessPk, refusedToken)
                : replaceRefusedLegacy(businessPk, refusedToken));
    }

    private Uni<AccessToken> replaceRefusedLegacy(String businessPk, String refusedToken) {
        Uni<RefreshResult> refreshed = store.claimToReplace(businessPk, refusedToken, lease)
                .chain(claim -> claim == null ? Uni.createFrom().nullItem() : refresher.refresh(claim));
        return asAccessToken(businessPk, refreshed).chain(token -> token != null
                ? Uni.createFrom().item(token)
                : storedToken(businessPk).map(StoredToken::token));
    }

    private Uni<AccessToken> asAccessToken(String businessPk, Uni<RefreshResult> refresh) {
        return refresh.map(result -> result == null ? null : result.<AccessToken>fold(
                refreshed -> new AccessToken.Bearer(refreshed.accessToken(), refreshed.connection().accessTokenExpiresAt),
                reauth -> new AccessToken.NotConnected("connection " + businessPk + " needs re-authorization: "
                        + reauth.reason()),
                failed -> new AccessToken.Unavailable("refresh failed: " + failed.answer().describe()),
                leaseLost -> new AccessToken.Unavailable("connection " + businessPk + " changed while it was refreshed")
        )).onFailure(ConnectionChecks::refusedClaim).recoverWithItem(ConnectionChecks::tokenAfterRefusedClaim);
    }

    private Uni<RefreshResult> refreshResult(String businessPk) {
        return store.claimOne(businessPk, lease).chain(claim -> refresher.refresh(claim));
    }

    /**
     * The business's bearer token, refreshed first when it is (nearly) expired by the database's clock
     * (the one its expiry was reckoned with).
     */
    public Uni<AccessToken> accessTokenFor(String businessPk) {
        return connections.findByBusinessPkAtDatabaseNow(businessPk).chain(read -> {
            Connection row = read.row();
            if (row != null && row.apiVersion == ApiVersion.V4) {
                return grantTokens.accessTokenFor(row, read.now());
            }
            AccessToken.NotConnected notConnected = notConnected(row, businessPk);
            if (notConnected != null) {
                return Uni.createFrom().item(notConnected);
            }
            Instant now = read.now();
            if (row.accessTokenExpiresAt != null && row.accessTokenExpiresAt.isAfter(now.plus(MIN_VALIDITY))) {
                return Uni.createFrom().item(bearer(row));
            }
            // (Nearly) expired: refresh. If that cannot happen now, a token still valid is better than none.
            boolean stillValid = row.accessTokenExpiresAt != null && row.accessTokenExpiresAt.isAfter(now);
            AccessToken current = stillValid ? bearer(row) : null;
            return refreshNow(businessPk).map(token -> current == null ? token
                    : token.fold(bearer -> token, none -> token, unavailable -> current));
        });
    }

    /** The API the business's connection goes through now; legacy for a business without one. */
    public Uni<ApiVersion> apiVersionOf(String businessPk) {
        return connections.findByBusinessPk(businessPk)
                .map(row -> row == null || row.apiVersion == null ? ApiVersion.LEGACY : row.apiVersion);
    }

    /** Whether the business has a CONNECTED connection (whose token may still have to be refreshed). */
    public Uni<Boolean> isConnected(String businessPk) {
        return connections.findByBusinessPk(businessPk)
                .map(row -> row != null && row.status == ConnectionStatus.CONNECTED);
    }

    /**
     * The business's access token as stored now, without refreshing it, and whether a refresh is running.
     * For a caller whose token Thumbtack refused: a stored token that differs was refreshed meanwhile (by
     * another caller, the job or another replica), and a running refresh is worth waiting for. The
     * lease is read before the row, so a refresh that ends between the two reads shows as a new token.
     */
    public Uni<StoredToken> storedToken(String businessPk) {
        return store.refreshRunning(businessPk).chain(running -> connections.findByBusinessPk(businessPk).chain(row -> {
            if (row != null && row.apiVersion == ApiVersion.V4) {
                return grantTokens.storedToken(row);
            }
            AccessToken.NotConnected notConnected = notConnected(row, businessPk);
            return Uni.createFrom().item(new StoredToken(notConnected != null ? notConnected : bearer(row), running));
        }));
    }

    /**
     * Legacy: tells Thumbtack (disconnect-partner), then erases the tokens. v4: deletes the service's
     * webhook of the business at Thumbtack, then DISCONNECTED; the grant's tokens are erased once no
     * business of it is left connected. Both with event connection.disconnected.
     */
    public Uni<Void> disconnect(String businessPk) {
        return get(businessPk).chain(row -> {
            if (row.status == ConnectionStatus.DISCONNECTED) {
                return Uni.createFrom().voidItem();
            }
            if (row.apiVersion == ApiVersion.V4) {
                return v4.disconnect(businessPk);
            }
            return thumbtack.disconnect(businessPk).chain(answer -> {
                if (!answer.succeeded()) {
                    return Uni.createFrom().failure(answer.toException("disconnecting at Thumbtack"));
                }
                return store.markDisconnected(businessPk)
                        .invoke(changed -> LOG.infof("business %s disconnected", businessPk))
                        .replaceWithVoid();
            });
        });
    }

    /** Why the row has no usable token (unknown, not CONNECTED, tokens erased), or null when it has one. */
    private static AccessToken.NotConnected notConnected(Connection row, String businessPk) {
        if (row == null) {
            return new AccessToken.NotConnected("business " + businessPk + " is not connected");
        }
        if (row.status != ConnectionStatus.CONNECTED || row.accessToken() == null) {
            return new AccessToken.NotConnected("connection " + businessPk + " is " + row.status);
        }
        return null;
    }

    private AccessToken bearer(Connection row) {
        String token = cipher.open(row.accessToken(), Connection.context(row.businessPk, "access_token"));
        return new AccessToken.Bearer(token, row.accessTokenExpiresAt);
    }
}
