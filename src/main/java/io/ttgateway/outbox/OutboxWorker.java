package io.ttgateway.outbox;

import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.ttgateway.common.Deadlines;
import io.ttgateway.common.FreshContext;
import io.ttgateway.telemetry.Traces;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Delivers due outbound messages: claim a batch under a lease (SKIP LOCKED, committed at once), send
 * each outside any transaction, record each outcome only while the lease is still ours. Leases and due
 * times are the database's (now()), never this replica's clock: other replicas compare them. Runs on a
 * schedule on every replica, and is woken right after a message is queued.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    private final OutboxRepository repository;
    private final Delivery delivery;
    private final OutcomeRecorder recorder;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final SendBreaker breaker;
    private final Vertx vertx;
    private final UUID owner = UUID.randomUUID();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private final Traces traces;

    OutboxWorker(OutboxRepository repository, Delivery delivery, OutcomeRecorder recorder, OutboxConfig config,
            OutboxMetrics metrics, SendBreaker breaker, Vertx vertx, Traces traces) {
        this.traces = traces;
        this.metrics = metrics;
        this.breaker = breaker;
        this.repository = repository;
        this.delivery = delivery;
        this.recorder = recorder;
        this.config = config;
        this.vertx = vertx;
    }

    @Scheduled(every = "${gateway.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return runExclusively().chain(() -> Deadlines.dbCall(Panache.withSession(repository::backlog), "outbox backlog"))
                .invoke(backlog -> metrics.backlog(backlog[0], backlog[1]))
                .onFailure().invoke(e -> LOG.warnf("outbox poll failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Ask for a delivery round now (after a message was queued); coalesces with a round in progress. */
    public void wake() {
        FreshContext.run(vertx, this::runExclusively).subscribe().with(
                done -> { }, failure -> LOG.warnf("outbox round failed: %s", failure.toString()));
    }

    /**
     * Stop claiming new work as soon as shutdown starts (the readiness-down delay, then shutdown
     * itself); sends in flight finish and record their outcome.
     */
    void stopClaiming(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private Uni<Void> runExclusively() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return drain().eventually(() -> running.set(false)).chain(() -> again.getAndSet(false)
                ? runExclusively() : Uni.createFrom().voidItem());
    }

    /** Claims and delivers batches until a claim comes back short. */
    public Uni<Void> drain() {
        return Multi.createBy().repeating().uni(this::deliverOneBatch)
                .whilst(claimed -> claimed == config.batchSize() && !stopping)
                .collect().last().replaceWithVoid();
    }

    /**
     * One claim and its deliveries; the number claimed. Nothing is claimed while the send breaker of its API is open
     * (each claimed message would only come back paused), a single message while it probes Thumbtack.
     */
    public Uni<Integer> deliverOneBatch() {
        if (stopping) {
            return Uni.createFrom().item(0);
        }
        SendBreaker.Limits limits = breaker.claimLimits(config.batchSize());
        if (limits.none()) {
            return Uni.createFrom().item(0);
        }
        int limit = Math.min(config.batchSize(), limits.legacy() + limits.v4());
        return Deadlines.dbCall(Panache.withTransaction(() -> repository.claimDue(owner, config.lease(), limit,
                        limits.legacy(), limits.v4())), "outbox claim")
                .chain(claimed -> deliverAll(claimed).replaceWith(claimed.size()));
    }

    private Uni<Void> deliverAll(List<OutboundMessage> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(m -> FreshContext.run(vertx, () -> traced(m, () -> delivery.attempt(m)
                        .chain(outcome -> recorder.record(m, outcome, owner).replaceWith(outcome))))
                        .onFailure().invoke(e -> LOG.warnf("outbound message %s: delivery not recorded (%s);"
                                + " it is retried when its lease expires", m.id, e.toString()))
                        .onFailure().recoverWithNull())
                .merge(config.concurrency())
                .collect().last().replaceWithVoid();
    }

    /** One delivery attempt as a span (a trace of its own): the REST client's call to Thumbtack is its child. */
    private Uni<SendOutcome> traced(OutboundMessage m, Supplier<Uni<SendOutcome>> attempt) {
        return traces.span("outbox.deliver", Context.root(), span -> span
                        .setAttribute(Traces.MESSAGE_ID, m.id.toString())
                        .setAttribute(Traces.LEAD_ID, m.leadId)
                        .setAttribute(Traces.BUSINESS_ID, m.businessId)
                        .setAttribute(Traces.ATTEMPT, (long) m.attempts), // counted by the claim
                attempt, (span, outcome) -> span.setAttribute(Traces.OUTCOME, outcome.getClass().getSimpleName().toLowerCase()));
    }
}
