package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttgateway.outbox.OutboundMessage.Status;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The queue row's next state for each send outcome ({@link OutcomeRecorder#apply}), without Quarkus or
 * a database: what the row says afterwards and when it is tried again (null: never).
 */
class OutcomeRecorderApplyTest {

    private static final int MAX_ATTEMPTS = 5;
    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);
    private static final Duration BREAKER_PAUSE = Duration.ofSeconds(42);

    @Test
    void sentClearsTheErrorAndKeepsThumbtacksMessageId() {
        OutboundMessage m = claimed(2);
        m.lastError = "Thumbtack answered 503";

        Duration retryIn = apply(m, new SendOutcome.Sent("msg-7"));

        assertThat(retryIn).isNull();
        assertThat(m.status).isEqualTo(Status.SENT);
        assertThat(m.lastError).isNull();
        assertThat(m.thumbtackMessageId).isEqualTo("msg-7");
        assertThat(m.attempts).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} is final")
    @CsvSource({"400, lead is closed", "403, not your lead", "404, no such lead", "422, text too long"})
    void a4xxFailsAtOnceWithThumbtacksWords(int status, String detail) {
        OutboundMessage m = claimed(1);

        Duration retryIn = apply(m, new SendOutcome.Rejected(status, detail));

        assertThat(retryIn).isNull();
        assertThat(m.status).isEqualTo(Status.FAILED);
        assertThat(m.lastError).isEqualTo("Thumbtack answered " + status + ": " + detail);
    }

    @Test
    void a401ThatRenewalCouldNotCureFails() {
        OutboundMessage m = claimed(1);

        Duration retryIn = apply(m, new SendOutcome.Unauthorized("token expired", "refused-token"));

        assertThat(retryIn).isNull();
        assertThat(m.status).isEqualTo(Status.FAILED);
        assertThat(m.lastError).isEqualTo("Thumbtack answered 401: token expired").doesNotContain("refused-token");
    }

    /** Back-off after the n-th attempt: 1, 2, 4, 8 s, with jitter between half and all of it. */
    @ParameterizedTest(name = "attempt {0}: retried in {1}..{2} ms")
    @CsvSource({"1, 500, 1000", "2, 1000, 2000", "3, 2000, 4000", "4, 4000, 8000"})
    void a5xxIsRetriedWithBackoff(int attempts, long atLeastMs, long atMostMs) {
        OutboundMessage m = claimed(attempts);

        Duration retryIn = apply(m, new SendOutcome.Retryable("Thumbtack answered 503"));

        assertThat(m.status).isEqualTo(Status.PENDING);
        assertThat(m.lastError).isEqualTo("Thumbtack answered 503");
        assertThat(retryIn).isBetween(Duration.ofMillis(atLeastMs), Duration.ofMillis(atMostMs));
    }

    @Test
    void a429sRetryAfterIsHonouredWhenLongerThanTheBackoff() {
        OutboundMessage m = claimed(1);

        Duration retryIn = apply(m, new SendOutcome.Retryable("Thumbtack answered 429", Duration.ofSeconds(30)));

        assertThat(m.status).isEqualTo(Status.PENDING);
        assertThat(retryIn).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterBeyondMaxBackoffWaitsMaxBackoff() {
        OutboundMessage m = claimed(1);

        Duration retryIn = apply(m, new SendOutcome.Retryable("Thumbtack answered 429", Duration.ofDays(1)));

        assertThat(m.status).isEqualTo(Status.PENDING);
        assertThat(retryIn).isEqualTo(MAX);
    }

    @Test
    void aRetryAfterShorterThanTheBackoffWaitsTheBackoff() {
        OutboundMessage m = claimed(4);

        Duration retryIn = apply(m, new SendOutcome.Retryable("Thumbtack answered 429", Duration.ofSeconds(1)));

        assertThat(retryIn).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void theLastAttemptFailsInsteadOfRetrying() {
        OutboundMessage m = claimed(MAX_ATTEMPTS);

        Duration retryIn = apply(m, new SendOutcome.Retryable("Thumbtack answered 503"));

        assertThat(retryIn).isNull();
        assertThat(m.status).isEqualTo(Status.FAILED);
        assertThat(m.lastError).isEqualTo("Thumbtack answered 503 (gave up after 5 attempts)");
    }

    @Test
    void noCredentialsIsRetriedUpToTheAttemptLimit() {
        OutboundMessage early = claimed(MAX_ATTEMPTS - 1);
        OutboundMessage last = claimed(MAX_ATTEMPTS);

        Duration earlyRetry = apply(early, new SendOutcome.NoCredentials("business b1 is not connected"));
        Duration lastRetry = apply(last, new SendOutcome.NoCredentials("business b1 is not connected"));

        assertThat(early.status).isEqualTo(Status.PENDING);
        assertThat(early.lastError).isEqualTo("business b1 is not connected");
        assertThat(earlyRetry).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(last.status).isEqualTo(Status.FAILED);
        assertThat(last.lastError).isEqualTo("business b1 is not connected (gave up after 5 attempts)");
        assertThat(lastRetry).isNull();
    }

    @Test
    void aPausedSendGivesItsAttemptBackAndWaitsForTheBreaker() {
        OutboundMessage m = claimed(MAX_ATTEMPTS);

        Duration retryIn = apply(m, new SendOutcome.Paused("calls to Thumbtack are paused"));

        assertThat(retryIn).isEqualTo(BREAKER_PAUSE);
        assertThat(m.status).isEqualTo(Status.PENDING);
        assertThat(m.attempts).isEqualTo(MAX_ATTEMPTS - 1);
        assertThat(m.lastError).isEqualTo("calls to Thumbtack are paused");
    }

    @ParameterizedTest(name = "back-off ends in {0} s: retried in {1} s")
    @CsvSource({"10, 42", "50, 50", "600, 60", "-5, 42"})
    void aSendPausedForARefreshBackOffGivesItsAttemptBackAndWaitsForItsEndUpToMaxBackoff(long endsInS, long retryInS) {
        OutboundMessage m = claimed(MAX_ATTEMPTS);

        Duration retryIn = apply(m, new SendOutcome.Paused("backing off", Duration.ofSeconds(endsInS)));

        assertThat(retryIn).as("the breaker's pause at least, the back-off's end up to max-backoff")
                .isEqualTo(Duration.ofSeconds(retryInS));
        assertThat(m.status).isEqualTo(Status.PENDING);
        assertThat(m.attempts).isEqualTo(MAX_ATTEMPTS - 1);
    }

    @Test
    void aLongErrorIsCutToTheColumnsLimit() {
        OutboundMessage m = claimed(1);

        apply(m, new SendOutcome.Rejected(400, "x".repeat(5000)));

        assertThat(m.lastError).hasSize(1000).startsWith("Thumbtack answered 400: xxx");
    }

    private static Duration apply(OutboundMessage m, SendOutcome outcome) {
        return OutcomeRecorder.apply(m, outcome, CONFIG, () -> BREAKER_PAUSE);
    }

    /** A PENDING row as a claim hands it out: its attempts already count this one. */
    private static OutboundMessage claimed(int attempts) {
        OutboundMessage m = new OutboundMessage();
        m.id = UUID.randomUUID();
        m.businessId = "b1";
        m.leadId = "l1";
        m.text = "Hi";
        m.status = Status.PENDING;
        m.attempts = attempts;
        return m;
    }

    private static final OutboxConfig CONFIG = new OutboxConfig() {
        @Override
        public String pollInterval() {
            return "1s";
        }

        @Override
        public int batchSize() {
            return 50;
        }

        @Override
        public int concurrency() {
            return 50;
        }

        @Override
        public Duration lease() {
            return Duration.ofSeconds(60);
        }

        @Override
        public int maxAttempts() {
            return MAX_ATTEMPTS;
        }

        @Override
        public Duration initialBackoff() {
            return INITIAL;
        }

        @Override
        public Duration maxBackoff() {
            return MAX;
        }

        @Override
        public int maxTextLength() {
            return 5000;
        }
    };
}
