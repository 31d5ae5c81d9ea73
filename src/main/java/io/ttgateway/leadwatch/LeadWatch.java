package io.ttgateway.leadwatch;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.Deadlines;
import io.ttgateway.common.FreshContext;
import io.ttgateway.common.ResourceNotFoundException;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.config.ThumbtackV4Config;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ConnectionService;
import io.ttgateway.connection.V4TokenRenewal;
import io.ttgateway.thumbtack.ThumbtackCallException;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4Negotiation;
import io.ttgateway.thumbtackv4.V4Result;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * v4 sends no lead-update webhook, so v4 leads are read back: each v4 lead created within
 * GATEWAY_V4_LEAD_WATCH is read (GET /api/v4/negotiations/{l}) every GATEWAY_V4_LEAD_POLL, and a
 * change of its price, charge state or status is stored and announced ({@link LeadChanges}). Runs on
 * every replica: claims are exclusive ({@link LeadWatchRepository}); reads go one after the other, at
 * most {@link LeadWatchConfig#rate()} per second. A 429 stops the run: the claimed leads not read yet
 * are due again after Thumbtack's Retry-After (or the configured pause), and this replica reads
 * nothing before then.
 */
@ApplicationScoped
public class LeadWatch {

    private static final Logger LOG = Logger.getLogger(LeadWatch.class);
    private static final int RETIRE_BATCH = 1000;

    /** What one read came to, for the run: go on, or stop because Thumbtack asked to slow down. */
    enum Read { DONE, RATE_LIMITED }

    private final LeadWatchRepository repository;
    private final LeadChanges changes;
    private final ConnectionService connections;
    private final ThumbtackV4 v4;
    private final V4TokenRenewal renewal;
    private final ThumbtackV4Config v4Config;
    private final GatewayConfig gateway;
    private final LeadWatchConfig config;
    private final Pool pool;
    private final Vertx vertx;
    /** System.nanoTime() before which this replica reads nothing (after a 429). */
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());

    LeadWatch(LeadWatchRepository repository, LeadChanges changes, ConnectionService connections, ThumbtackV4 v4,
            V4TokenRenewal renewal, ThumbtackV4Config v4Config, GatewayConfig gateway, LeadWatchConfig config,
            Pool pool, Vertx vertx) {
        this.repository = repository;
        this.changes = changes;
        this.connections = connections;
        this.v4 = v4;
        this.renewal = renewal;
        this.v4Config = v4Config;
        this.gateway = gateway;
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
    }

    @Scheduled(every = "${gateway.v4.poll.every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!v4Config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("v4 lead watch run failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run: retire leads past the watch, claim due ones, read them paced. How many were read. */
    public Uni<Integer> runOnce() {
        if (paused()) {
            return Uni.createFrom().item(0);
        }
        Duration watch = gateway.v4().leadWatch();
        return Deadlines.dbCall(repository.retire(watch, RETIRE_BATCH), "lead watch retire")
                .chain(() -> Deadlines.dbCall(repository.claimDue(gateway.v4().leadPoll(), watch, config.batch()),
                        "lead watch claim"))
                .chain(this::readAll);
    }

    private Uni<Integer> readAll(List<WatchedLead> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Duration spacing = Duration.ofNanos((long) (1_000_000_000L / Math.max(config.rate(), 0.001)));
        List<String> notRead = new ArrayList<>(claimed.stream().map(WatchedLead::leadId).toList());
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUniAndConcatenate(lead -> {
                    if (paused()) {
                        return Uni.createFrom().item(Read.RATE_LIMITED);
                    }
                    notRead.remove(lead.leadId());
                    return FreshContext.run(vertx, () -> read(lead))
                            .onFailure().invoke(e -> LOG.warnf("v4 lead %s not read: %s", lead.leadId(), e.toString()))
                            .onFailure().recoverWithItem(Read.DONE)
                            .call(() -> Uni.createFrom().voidItem().onItem().delayIt().by(spacing));
                })
                .collect().asList()
                .chain(reads -> repository.postpone(paused() ? notRead : List.of(), remainingPause())
                        .replaceWith((int) reads.stream().filter(read -> read == Read.DONE).count()));
    }

    private Uni<Read> read(WatchedLead lead) {
        return connections.accessTokenFor(lead.businessId()).chain(token -> {
            if (!(token instanceof AccessToken.Bearer bearer)) {
                LOG.debugf("v4 lead %s not read: business %s has no token now", lead.leadId(), lead.businessId());
                return Uni.createFrom().item(Read.DONE);
            }
            Uni<V4Result<V4Negotiation>> answer = renewal.call(lead.businessId(), bearer.token(),
                    current -> v4.negotiation(current, lead.leadId()));
            return answer.chain(result -> result.fold(
                    negotiation -> changes.apply(lead.leadId(), negotiation).replaceWith(Read.DONE),
                    refused -> {
                        if (refused.rateLimited()) {
                            pauseFor(refused.retryAfter().orElse(config.rateLimitPause()));
                            return Uni.createFrom().item(Read.RATE_LIMITED);
                        }
                        LOG.debugf("v4 lead %s not read: %s", lead.leadId(), refused.describe());
                        return Uni.createFrom().item(Read.DONE);
                    },
                    unanswered -> {
                        LOG.debugf("v4 lead %s not read: %s", lead.leadId(), unanswered.describe());
                        return Uni.createFrom().item(Read.DONE);
                    }));
        });
    }

    /**
     * POST /api/v1/leads/{l}/sync: reads one v4 lead now and applies what changed. 404 for an unknown
     * lead, 409 for a legacy one (or a business that is not connected), 502/504 when Thumbtack fails.
     */
    public Uni<Boolean> syncNow(String leadId) {
        return pool.preparedQuery("select business_id, api_version from lead where lead_id = $1")
                .execute(Tuple.of(leadId)).chain(rows -> {
                    RowIterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        throw new ResourceNotFoundException("no lead " + leadId);
                    }
                    Row lead = found.next();
                    if (!"v4".equals(lead.getString("api_version"))) {
                        throw new ConflictException("lead " + leadId
                                + " came through Thumbtack's legacy API, which sends its updates by webhook");
                    }
                    String businessId = lead.getString("business_id");
                    return connections.accessTokenFor(businessId).chain(token -> {
                        if (token instanceof AccessToken.NotConnected notConnected) {
                            throw new ConflictException(notConnected.reason());
                        }
                        if (token instanceof AccessToken.Unavailable unavailable) {
                            throw new ThumbtackCallException(502, unavailable.reason());
                        }
                        return renewal.call(businessId, ((AccessToken.Bearer) token).token(),
                                bearer -> v4.negotiation(bearer, leadId));
                    });
                })
                .map(result -> result.orThrow("reading the lead at Thumbtack"))
                .chain(negotiation -> changes.apply(leadId, negotiation));
    }

    private boolean paused() {
        return System.nanoTime() - pausedUntil.get() < 0;
    }

    private void pauseFor(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        pausedUntil.accumulateAndGet(until, (current, next) -> next - current > 0 ? next : current);
    }

    private Duration remainingPause() {
        long left = pausedUntil.get() - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 0));
    }
}
