package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4Result;
import io.ttgateway.thumbtackv4.V4Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Refreshes one leased v4 grant, for all the businesses it covers: calls Thumbtack's token endpoint
 * with the refresh token read after the lease was taken (no transaction open during the call; the
 * grace retries with the same refresh token are inside ThumbtackV4.refresh), then stores the outcome
 * in a second short transaction that only writes while the lease is still ours.
 */
@ApplicationScoped
public class GrantRefresher {

    private static final Logger LOG = Logger.getLogger(GrantRefresher.class);
    private static final String EXPIRED = "refresh token expired (180 days); the pro must connect again";

    private final ThumbtackV4 thumbtack;
    private final GrantStore store;
    private final ConnectionMetrics metrics;
    private final GatewayConfig.Refresh config;

    GrantRefresher(ThumbtackV4 thumbtack, GrantStore store, ConnectionMetrics metrics, GatewayConfig config) {
        this.thumbtack = thumbtack;
        this.store = store;
        this.metrics = metrics;
        this.config = config.refresh();
    }

    public Uni<GrantRefresh> refresh(GrantClaim claim) {
        Uni<GrantRefresh> result = claim.refreshTokenExpired()
                ? persist(() -> store.storeNeedsReauth(claim, EXPIRED, false, config.backoffMax()))
                : thumbtack.refresh(claim.refreshToken()).chain(answer -> store(claim, answer));
        return result.invoke(outcome -> {
            metrics.refresh(outcome.metricOutcome());
            log(claim, outcome);
        });
    }

    private Uni<GrantRefresh> store(GrantClaim claim, V4Result<V4Tokens> answer) {
        return answer.fold(
                tokens -> persist(() -> store.storeRefreshed(claim, tokens)),
                refused -> {
                    // Only OAuth's invalid_grant (whatever 4xx carries it) says the pro's grant is gone.
                    // 401 invalid_client, 403, 404, 429: this side's settings or Thumbtack's state,
                    // which pass once fixed and must not cost the pros their connections.
                    if (refused.invalidGrant()) {
                        String reason = "Thumbtack refused the refresh token: " + refused.describe();
                        return persist(() -> store.storeNeedsReauth(claim, reason, true, config.backoffMax()));
                    }
                    return failed(claim, answer);
                },
                unanswered -> failed(claim, answer));
    }

    private Uni<GrantRefresh> failed(GrantClaim claim, V4Result<V4Tokens> answer) {
        RefreshFailure failure = RefreshFailure.ofV4(answer);
        metrics.refreshFailed(failure);
        String reason = failure.tag() + ": " + answer.describe();
        boolean timedOut = answer.fold(ok -> false, refused -> false, V4Result.Unanswered::timedOut);
        return persist(() -> store.storeFailed(claim, reason, config.backoffInitial(), config.backoffMax()))
                .map(next -> next == null ? new GrantRefresh.LeaseLost()
                        : new GrantRefresh.Failed(answer.describe(), timedOut, failure, next));
    }

    /** A short bounded retry of the storing transaction: a rotated pair lost to a passing database error costs the grant. */
    private static <T> Uni<T> persist(Supplier<Uni<T>> write) {
        return Uni.createFrom().deferred(() -> write.get())
                .onFailure().retry().withBackOff(Duration.ofMillis(300), Duration.ofSeconds(2)).atMost(3);
    }

    private static void log(GrantClaim claim, GrantRefresh outcome) {
        switch (outcome.metricOutcome()) {
            case "refreshed" -> LOG.infof("refreshed the v4 grant %d", claim.grantId());
            case "lease_lost" -> LOG.warnf("refresh of grant %d: lease lost before storing (revoked meanwhile?)",
                    claim.grantId());
            default -> LOG.warnf("refresh of v4 grant %d: %s", claim.grantId(), outcome);
        }
    }
}
