package io.ttgateway.connection;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Retries failed (and abandoned) webhook registrations: every {@code gateway.v4.webhook-retry-interval}
 * it leases due rows one at a time (FOR UPDATE SKIP LOCKED, then a lease on the row: one replica per
 * row) and tries each once; a row failing again backs off exponentially (WebhookStore), at most
 * {@link #BATCH} rows per run.
 */
@ApplicationScoped
public class WebhookRetryJob {

    private static final Logger LOG = Logger.getLogger(WebhookRetryJob.class);
    static final int BATCH = 20;

    private final WebhookStore store;
    private final WebhookRegistrar registrar;

    WebhookRetryJob(WebhookStore store, WebhookRegistrar registrar) {
        this.store = store;
        this.registrar = registrar;
    }

    @Scheduled(identity = "v4-webhook-registration", every = "${gateway.v4.webhook-retry-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(failure -> {
            LOG.warnf("webhook registration run failed, next run retries: %s", failure.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /** One run; answers how many registrations it tried. Public for tests and operators. */
    public Uni<Integer> run() {
        return drain(BATCH, 0);
    }

    private Uni<Integer> drain(int remaining, int done) {
        if (remaining <= 0) {
            return Uni.createFrom().item(done);
        }
        return Deadlines.dbCall(store.claimDue(WebhookRegistrar.LEASE), "webhook claim").chain(claim -> claim == null
                ? Uni.createFrom().item(done)
                : registrar.attempt(claim).chain(ok -> drain(remaining - 1, done + 1)));
    }
}
