package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.telemetry.Traces;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackResult;
import io.ttgateway.thumbtack.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Refreshes one leased connection: calls Thumbtack with the refresh token read after the lease was
 * taken (no transaction is open during the call), then stores the outcome in a second, short
 * transaction that only writes while the lease is still ours.
 */
@ApplicationScoped
public class TokenRefresher {

    private static final Logger LOG = Logger.getLogger(TokenRefresher.class);
    private static final String EXPIRED = "refresh token expired (720 h); the pro must connect again";

    private final ThumbtackApi thumbtack;
    private final ConnectionStore store;
    private final ConnectionMetrics metrics;
    private final GatewayConfig.Refresh config;
    private final Traces traces;

    TokenRefresher(ThumbtackApi thumbtack, ConnectionStore store, ConnectionMetrics metrics, GatewayConfig config,
            Traces traces) {
        this.traces = traces;
        this.thumbtack = thumbtack;
        this.store = store;
        this.metrics = metrics;
        this.config = config.refresh();
    }

    /** One refresh as a span: Thumbtack's answer (status, each attempt) is on the REST client's child spans. */
    public Uni<RefreshResult> refresh(Claim claim) {
        return traces.span("token.refresh", span -> span.setAttribute(Traces.BUSINESS_ID, claim.businessPk()),
                () -> refreshTraced(claim), (span, outcome) -> span.setAttribute(Traces.OUTCOME, outcome.metricOutcome()));
    }

    private Uni<RefreshResult> refreshTraced(Claim claim) {
        Uni<RefreshResult> result = claim.refreshTokenExpired()
                ? persist(() -> store.storeNeedsReauth(claim, EXPIRED, config.backoffMax()))
                        .map(row -> row == null ? new RefreshResult.LeaseLost()
                                : new RefreshResult.NeedsReauth(row, EXPIRED, null))
                : thumbtack.refresh(claim.refreshToken()).chain(answer -> store(claim, answer));
        return result.invoke(outcome -> {
            metrics.refresh(outcome.metricOutcome());
            outcome.fold(refreshed -> null, needsReauth -> null, failed -> {
                metrics.refreshFailed(failed.reason());
                return null;
            }, leaseLost -> null);
            log(claim, outcome);
        });
    }

    private Uni<RefreshResult> store(Claim claim, ThumbtackResult<TokenResponse> answer) {
        return answer.fold(tokens -> persist(() -> store.storeRefreshed(claim, tokens))
                        .map(row -> row == null ? new RefreshResult.LeaseLost()
                                : new RefreshResult.Refreshed(row, tokens.accessToken())),
                // Only the refresh token being refused means the pro must connect again: OAuth's
                // invalid_grant, which is what Thumbtack answers for an unknown, used, revoked or expired
                // refresh token. Any other refusal (client credentials, a firewall, a wrong URL, rate
                // limits) is about this side and passes once fixed: it must not cost the pros their
                // connections.
                rejected -> rejected.status() >= 400 && rejected.status() < 500 && rejected.invalidGrant()
                        ? needsReauth(claim, "Thumbtack refused the refresh token: " + rejected.describe(), answer)
                        : failed(claim, answer),
                failed -> failed(claim, answer));
    }

    private Uni<RefreshResult> needsReauth(Claim claim, String reason, ThumbtackResult<TokenResponse> answer) {
        return persist(() -> store.storeNeedsReauth(claim, reason, config.backoffMax()))
                .map(row -> row == null ? new RefreshResult.LeaseLost()
                        : new RefreshResult.NeedsReauth(row, reason, answer));
    }

    private Uni<RefreshResult> failed(Claim claim, ThumbtackResult<TokenResponse> answer) {
        RefreshFailure failure = RefreshFailure.of(answer);
        String reason = failure.tag() + ": " + answer.describe();
        return persist(() -> store.storeFailed(claim, reason, config.backoffInitial(), config.backoffMax()))
                .map(row -> row == null ? new RefreshResult.LeaseLost()
                        : new RefreshResult.Failed(answer, failure, row.nextRefreshAttemptAt));
    }

    /**
     * A short bounded retry of the storing transaction: after a successful refresh Thumbtack has
     * rotated the pair, so losing it to a passing database error would cost the connection.
     */
    private static Uni<Connection> persist(Supplier<Uni<Connection>> write) {
        return Uni.createFrom().deferred(() -> write.get())
                .onFailure().retry().withBackOff(Duration.ofMillis(300), Duration.ofSeconds(2)).atMost(3);
    }

    private static void log(Claim claim, RefreshResult outcome) {
        outcome.fold(refreshed -> {
            LOG.infof("refreshed the access token of business %s (valid until %s)", claim.businessPk(),
                    refreshed.connection().accessTokenExpiresAt);
            return null;
        }, needsReauth -> {
            LOG.warnf("business %s needs re-authorization: %s", claim.businessPk(), needsReauth.reason());
            return null;
        }, failed -> {
            LOG.warnf("token refresh of business %s failed (%s: %s); the connection stays CONNECTED, next try"
                    + " at %s: %s", claim.businessPk(), failed.reason().tag(), failed.answer().describe(),
                    failed.nextAttemptAt(), failed.reason().hint());
            return null;
        }, leaseLost -> {
            LOG.warnf("refresh of business %s: lease lost before storing (disconnected meanwhile?)",
                    claim.businessPk());
            return null;
        });
    }
}
