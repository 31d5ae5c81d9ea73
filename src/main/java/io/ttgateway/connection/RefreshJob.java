package io.ttgateway.connection;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Deadlines;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.config.ThumbtackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps access tokens fresh: every {@code gateway.refresh.interval} it refreshes each CONNECTED
 * legacy connection, and each ACTIVE v4 grant, whose access token expires within THUMBTACK_REFRESH_AHEAD.
 *
 * <p>Exactly once with several replicas: a connection is taken with a lease, claimed in its own short
 * transaction ({@code SELECT ... FOR UPDATE SKIP LOCKED}, then {@code refresh_lease_id/until} set and
 * the refresh token read from the row as it is after locking). Other replicas skip locked rows and
 * rows with a live lease, so only the lease holder calls Thumbtack. No transaction is open during the
 * call; the result is stored in a second transaction only while the lease is still the holder's. The
 * lease (60 s) is far longer than one refresh can take (at most ~10 s: ThumbtackGuard's retry bound),
 * so it cannot run out mid-refresh. Connections are leased one at a time and refreshed in turn, up to
 * {@code gateway.refresh.batch-size} per run, so every lease covers exactly one refresh.
 */
@ApplicationScoped
public class RefreshJob {

    private static final Logger LOG = Logger.getLogger(RefreshJob.class);
    /** Used states are worth nothing after they expire; keep a day for diagnosis. */
    private static final Duration STATE_RETENTION = Duration.ofDays(1);

    private final ConnectionStore store;
    private final TokenRefresher refresher;
    private final GrantStore grants;
    private final GrantRefresher grantRefresher;
    private final OAuthStates states;
    private final GatewayConfig.Refresh config;
    private final Duration ahead;

    RefreshJob(ConnectionStore store, TokenRefresher refresher, GrantStore grants, GrantRefresher grantRefresher,
            OAuthStates states, GatewayConfig gateway, ThumbtackConfig thumbtack) {
        this.store = store;
        this.refresher = refresher;
        this.grants = grants;
        this.grantRefresher = grantRefresher;
        this.states = states;
        this.config = gateway.refresh();
        this.ahead = thumbtack.refreshAhead();
    }

    @Scheduled(identity = "token-refresh", every = "${gateway.refresh.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(failure -> {
            LOG.warnf("token refresh run failed, next run retries: %s", failure.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /** One run; answers how many connections it refreshed or marked. Public for tests and operators. */
    public Uni<Integer> run() {
        return Deadlines.dbCall(store.expireRefreshTokens(config.batchSize(), config.backoffMax()), "refresh expiry")
                .chain(expired -> drain(config.batchSize(), expired))
                .chain(done -> drainGrants(config.batchSize(), done))
                .call(() -> Deadlines.dbCall(states.deleteExpiredBefore(Instant.now().minus(STATE_RETENTION)), "state cleanup"));
    }

    /**
     * v4 grants, the same way: one lease per grant however many businesses it covers, so a grant is
     * refreshed once (and its rotated refresh token stored before anyone may refresh it again).
     */
    private Uni<Integer> drainGrants(int remaining, int done) {
        if (remaining <= 0) {
            return Uni.createFrom().item(done);
        }
        return Deadlines.dbCall(grants.claimDue(ahead, 1, config.lease()), "grant refresh claim").chain(due -> {
            if (due.leased() == 0) {
                return Uni.createFrom().item(done);
            }
            if (due.claims().isEmpty()) {
                return drainGrants(remaining - 1, done);
            }
            return grantRefresher.refresh(due.claims().get(0)).chain(result -> drainGrants(remaining - 1, done + 1));
        });
    }

    private Uni<Integer> drain(int remaining, int done) {
        if (remaining <= 0) {
            return Uni.createFrom().item(done);
        }
        return Deadlines.dbCall(store.claimDue(ahead, 1, config.lease()), "refresh claim").chain(due -> {
            if (due.leased() == 0) {
                return Uni.createFrom().item(done);
            }
            if (due.claims().isEmpty()) { // an unreadable row: skipped (ConnectionStore logs it), go on
                return drain(remaining - 1, done);
            }
            return refresher.refresh(due.claims().get(0)).chain(result -> drain(remaining - 1, done + 1));
        });
    }
}
