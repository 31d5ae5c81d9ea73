package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Backoff;
import io.ttgateway.common.Deadlines;
import io.ttgateway.event.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Turns a send outcome into the message's next state (and its event), in one statement ({@link OutcomeWriter}). */
@ApplicationScoped
public class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    private static final int MAX_ERROR = 1000;
    private static final Duration SETTLE_BACKOFF = Duration.ofMillis(250);

    private final OutcomeWriter writer;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final SendBreaker breaker;

    OutcomeRecorder(OutcomeWriter writer, OutboxConfig config, OutboxMetrics metrics, SendBreaker breaker) {
        this.writer = writer;
        this.breaker = breaker;
        this.config = config;
        this.metrics = metrics;
    }

    Uni<Void> record(OutboundMessage m, SendOutcome outcome, UUID owner) {
        Duration retryIn = apply(m, outcome, config, breaker::pause);
        metrics.sent(outcomeName(m, outcome));
        // Retried (bounded) while our lease still runs: an outcome that is not recorded means the message
        // is sent again once the lease expires, so a passing database hiccup must not cost a duplicate.
        // A retry after a commit whose answer was lost finds the lease released and changes nothing.
        return Uni.createFrom().deferred(() -> settle(m, owner, retryIn))
                .onFailure().retry().withBackOff(SETTLE_BACKOFF, SETTLE_BACKOFF.multipliedBy(8)).atMost(4);
    }

    private Uni<Void> settle(OutboundMessage m, UUID owner, Duration retryIn) {
        NewEvent event = switch (m.status) {
            case SENT -> NewEvent.messageSent(m.id, m.businessId, m.leadId, m.attempts, m.thumbtackMessageId);
            case FAILED -> NewEvent.messageFailed(m.id, m.businessId, m.leadId, m.attempts, m.lastError);
            case PENDING -> null;
        };
        return Deadlines.dbCall(writer.settle(m, owner, retryIn, event, m.thumbtackMessageId), "outbox record")
                .invoke(settled -> {
                    if (!settled) {
                        LOG.warnf("outbound message %s: lease lost before its outcome was recorded", m.id);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The message's next state, in {@code m}; answers when to try again (null: SENT or FAILED). Only the
     * delay is decided here: the database adds it to its own now() (OutcomeWriter). {@code pause}: how
     * long a message an open send breaker turned back waits.
     */
    static Duration apply(OutboundMessage m, SendOutcome outcome, OutboxConfig config, Supplier<Duration> pause) {
        return outcome.accept(new SendOutcome.Cases<Duration>() {
            @Override
            public Duration sent(SendOutcome.Sent sent) {
                m.status = OutboundMessage.Status.SENT;
                m.lastError = null;
                m.thumbtackMessageId = sent.thumbtackMessageId();
                return null;
            }

            @Override
            public Duration rejected(SendOutcome.Rejected rejected) {
                fail(m, "Thumbtack answered " + rejected.status() + ": " + rejected.detail());
                return null;
            }

            @Override
            public Duration unauthorized(SendOutcome.Unauthorized unauthorized) {
                fail(m, "Thumbtack answered 401: " + unauthorized.detail());
                return null;
            }

            @Override
            public Duration paused(SendOutcome.Paused paused) {
                // No attempt used. Not before the send breaker's delay is over, nor before the time the
                // pause names (up to max-backoff: the message looks again at least that often).
                m.attempts = Math.max(0, m.attempts - 1);
                m.lastError = truncate(paused.reason());
                return retryDelay(pause.get(), paused.notBefore(), config.maxBackoff());
            }

            @Override
            public Duration retryable(SendOutcome.Retryable retryable) {
                return retryOrFail(m, retryable.reason(), retryable.notBefore(), config);
            }

            @Override
            public Duration noCredentials(SendOutcome.NoCredentials noCredentials) {
                return retryOrFail(m, noCredentials.reason(), null, config);
            }
        });
    }

    /**
     * The back-off, or Thumbtack's Retry-After when that is longer; a Retry-After is honoured up to
     * max-backoff only, so a wild value cannot park a message for days.
     */
    private static Duration retryOrFail(OutboundMessage m, String reason, Duration notBefore, OutboxConfig config) {
        if (m.attempts >= config.maxAttempts()) {
            fail(m, reason + " (gave up after " + m.attempts + " attempts)");
            return null;
        }
        m.lastError = truncate(reason);
        return retryDelay(Backoff.withJitter(m.attempts, config.initialBackoff(), config.maxBackoff()), notBefore,
                config.maxBackoff());
    }

    /** The back-off, or Thumbtack's Retry-After ({@code notBefore}, may be null) capped at {@code max} when longer. */
    static Duration retryDelay(Duration backoff, Duration notBefore, Duration max) {
        if (notBefore == null) {
            return backoff;
        }
        Duration asked = notBefore.compareTo(max) > 0 ? max : notBefore;
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    private static void fail(OutboundMessage m, String error) {
        m.status = OutboundMessage.Status.FAILED;
        m.lastError = truncate(error);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    private static String outcomeName(OutboundMessage m, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Paused) {
            return "paused";
        }
        return switch (m.status) {
            case SENT -> "sent";
            case FAILED -> "failed";
            case PENDING -> "retry";
        };
    }
}
