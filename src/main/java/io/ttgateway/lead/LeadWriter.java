package io.ttgateway.lead;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.common.RefusedValue;
import io.ttgateway.common.Deadlines;
import io.ttgateway.common.StorageUnavailableException;
import io.ttgateway.telemetry.Traces;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Group commit for lead webhooks: every lead waits in a queue until a batch transaction
 * ({@link LeadBatchSql}) has stored it, and only then is answered. A batch starts as soon as fewer than
 * {@code concurrency} batches are in flight, so a lone lead is stored at once and under load the
 * leads that arrive while batches run are stored together (one transaction and two statements for up
 * to {@code maxSize} leads instead of per lead). Repeats of one lead ID in a batch become one row; the
 * first delivery is answered "stored", the others "duplicate", as if they had come one after another.
 * When the database rejects a batch, each of its leads is tried alone, at most {@code retryConcurrency}
 * at once (a poison lead in a full batch must not take the whole pool), so one bad row fails only
 * itself: with 400 when the database refuses its values ({@link RefusedValue}), else 503.
 * The queue is bounded by count, and the writer's memory by the bytes of the payloads it holds, waiting
 * or in a batch being stored ({@code maxQueuedBytes}); a lead finding nothing held is always taken, so no
 * lead is too big to be stored ever.
 * Every wait is bounded: a lead still queued after {@code maxWait} and a batch without an answer after
 * {@code batchTimeout} are answered 503, so a lead webhook is answered within maxWait + batchTimeout.
 */
@ApplicationScoped
class LeadWriter {

    private static final Logger LOG = Logger.getLogger(LeadWriter.class);

    /**
     * {@code span}: the webhook request's span, told the size of the batch that stored the lead; {@code bytes}:
     * what it counts against the byte bound, given back as counted.
     */
    private record Waiting(NewLead lead, long bytes, Context context, Span span, UniEmitter<? super Boolean> answer,
            long since, AtomicBoolean taken) {
        /** Exactly one of a batch and the deadline sweep takes a waiting lead. */
        boolean take() {
            return taken.compareAndSet(false, true);
        }
    }

    private final LeadBatchSql sql;
    private final LeadBatchConfig config;
    private final DistributionSummary batchSizes;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Payload bytes of the leads waiting and of those in batches being stored: what maxQueuedBytes bounds. */
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Cancellable sweep;

    LeadWriter(LeadBatchSql sql, LeadBatchConfig config, MeterRegistry registry) {
        this.sql = sql;
        this.config = config;
        this.batchSizes = DistributionSummary.builder("thumbtack.lead.batch.size")
                .description("Leads stored per batch transaction").register(registry);
        Gauge.builder("thumbtack.lead.queue.leads", queued, AtomicInteger::get)
                .description("Leads waiting for a batch").register(registry);
        Gauge.builder("thumbtack.lead.queue.bytes", queuedBytes, AtomicLong::get)
                .description("Payload bytes of the leads waiting for a batch").register(registry);
        // A lead's wait is bounded by a timer, not only checked when a batch slot frees: while every
        // batch in flight is stuck (a held lock, a silent connection) no slot frees at all.
        Duration every = Duration.ofMillis(Math.max(10, config.maxWait().toMillis() / 10));
        this.sweep = Multi.createFrom().ticks().every(every).onOverflow().drop()
                .subscribe().with(tick -> expireWaiting(), failure -> LOG.error("lead deadline sweep stopped", failure));
    }

    @PreDestroy
    void stop() {
        sweep.cancel();
    }

    /** Answers 503 to every lead that waited longer than maxWait (the queue is in arrival order). */
    private void expireWaiting() {
        long tooOld = System.nanoTime() - config.maxWait().toNanos();
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext();) {
            Waiting waiting = it.next();
            if (waiting.since() - tooOld >= 0) {
                return;
            }
            if (waiting.take()) {
                queued.decrementAndGet();
                queuedBytes.addAndGet(-waiting.bytes());
                heldBytes.addAndGet(-waiting.bytes());
                it.remove();
                answer(waiting, null, new StorageUnavailableException(new IllegalStateException("lead waited too long")));
            }
        }
    }

    /**
     * True when stored, false when this lead ID was stored before. Fails with 503 when it was not stored,
     * with the database's refusal (a 400, {@link RefusedValue}) when it never will be.
     */
    Uni<Boolean> storeNew(NewLead lead) {
        return Uni.createFrom().emitter(answer -> {
            long bytes = bytes(lead);
            long total = heldBytes.addAndGet(bytes);
            if (queued.incrementAndGet() > config.maxQueued()
                    || total > config.maxQueuedBytes().asLongValue() && total != bytes) {
                queued.decrementAndGet();
                heldBytes.addAndGet(-bytes);
                answer.fail(new StorageUnavailableException(new IllegalStateException("lead queue full")));
                return;
            }
            queuedBytes.addAndGet(bytes);
            queue.add(new Waiting(lead, bytes, Vertx.currentContext(), Span.current(), answer, System.nanoTime(),
                    new AtomicBoolean()));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= config.concurrency()) {
                return; // a batch in flight drains again when it ends
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting> batch = new ArrayList<>();
            long tooOld = System.nanoTime() - config.maxWait().toNanos();
            Waiting next;
            while (batch.size() < config.maxSize() && (next = queue.poll()) != null) {
                if (!next.take()) {
                    continue; // answered by the deadline sweep
                }
                queued.decrementAndGet();
                queuedBytes.addAndGet(-next.bytes());
                if (next.since() - tooOld < 0) {
                    heldBytes.addAndGet(-next.bytes());
                    answer(next, null, new StorageUnavailableException(new IllegalStateException("lead waited too long")));
                } else {
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            // A batch stuck past its deadline frees its slot and its bytes; its leads are answered 503 (stored
            // or not).
            long batchBytes = batch.stream().mapToLong(Waiting::bytes).sum();
            Deadlines.within(store(batch, true), config.batchTimeout(), "lead batch").subscribe().with(
                    done -> finished(batchBytes),
                    failure -> {
                        batch.forEach(waiting -> answer(waiting, null, failure));
                        finished(batchBytes);
                    });
        }
    }

    private void finished(long batchBytes) {
        heldBytes.addAndGet(-batchBytes);
        inFlight.decrementAndGet();
        drain();
    }

    private Uni<Void> store(List<Waiting> batch, boolean splitOnRejection) {
        Map<String, List<Waiting>> byLeadId = new LinkedHashMap<>();
        for (Waiting waiting : batch) {
            byLeadId.computeIfAbsent(waiting.lead().lead().leadId, id -> new ArrayList<>()).add(waiting);
        }
        List<NewLead> rows = byLeadId.values().stream().map(same -> same.get(0).lead()).toList();
        batchSizes.record(rows.size());
        batch.forEach(waiting -> waiting.span().setAttribute(Traces.BATCH_SIZE, rows.size()));
        return Uni.createFrom().deferred(() -> sql.store(rows, Instant.now()))
                .onItem().invoke(stored -> answerAll(byLeadId, stored))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    if (splitOnRejection && rows.size() > 1 && failure instanceof PgException) {
                        LOG.warnf("a batch of %d leads was rejected (%s); storing each alone", rows.size(),
                                StorageUnavailableException.describe(failure));
                        return Multi.createFrom().iterable(batch).onItem()
                                .transformToUni(one -> store(List.of(one), false)).merge(config.retryConcurrency())
                                .collect().last().replaceWithVoid();
                    }
                    Throwable why = RefusedValue.is(failure) ? RefusedValue.toInvalidInput(failure)
                            : new StorageUnavailableException(failure);
                    if (why instanceof InvalidInputException) {
                        LOG.warnf("a lead was refused by the database, answering 400: %s",
                                StorageUnavailableException.describe(failure));
                    }
                    batch.forEach(waiting -> answer(waiting, null, why));
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * What a queued lead holds in memory, roughly: its texts (two bytes a character at most): the payload,
     * its details and attachments as stored, and its event's data.
     */
    private static long bytes(NewLead lead) {
        Lead l = lead.lead();
        return 2L * (l.payload.length() + length(l.rawText) + length(l.details) + length(l.attachments)
                + length(lead.eventData()));
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static void answerAll(Map<String, List<Waiting>> byLeadId, Set<String> stored) {
        byLeadId.forEach((leadId, deliveries) -> {
            for (int i = 0; i < deliveries.size(); i++) {
                answer(deliveries.get(i), i == 0 && stored.contains(leadId), null);
            }
        });
    }

    /** Completes the request on its own Vert.x context (the batch ends on another request's). */
    private static void answer(Waiting waiting, Boolean stored, Throwable failure) {
        Runnable complete = failure == null ? () -> waiting.answer().complete(stored)
                : () -> waiting.answer().fail(failure);
        if (waiting.context() == null || waiting.context() == Vertx.currentContext()) {
            complete.run();
        } else {
            waiting.context().runOnContext(ignored -> complete.run());
        }
    }
}
