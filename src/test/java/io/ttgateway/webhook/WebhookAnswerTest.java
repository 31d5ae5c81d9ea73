package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.InvalidInputException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A webhook's answer is always settled at once, whatever settling it runs into. */
class WebhookAnswerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebhookMetrics metrics = new WebhookMetrics(registry);

    @Test
    void anOutcomeIsAnsweredWithItsStatusAndCounted() {
        Response response = Uni.createFrom().<Response>emitter(answer -> WebhookAnswer.when(
                Uni.createFrom().item(Outcome.DUPLICATE), answer, metrics, Span.getInvalid(), "lead"))
                .await().atMost(Duration.ofSeconds(1));
        assertThat(response.getStatus()).isEqualTo(Outcome.DUPLICATE.status());
        assertThat(registry.get("thumbtack.webhooks").tag("type", "lead").tag("outcome", "duplicate").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aFailureIsPassedOnAndCounted() {
        InvalidInputException invalid = new InvalidInputException("invalid lead payload", List.of());
        assertThatThrownBy(() -> Uni.createFrom().<Response>emitter(answer -> WebhookAnswer.when(
                Uni.createFrom().failure(invalid), answer, metrics, Span.getInvalid(), "lead"))
                .await().atMost(Duration.ofSeconds(1))).isSameAs(invalid);
        assertThat(registry.get("thumbtack.webhooks").tag("outcome", "invalid").counter().count()).isEqualTo(1.0);
    }

    /** Mutiny drops what a subscriber's callback throws; the answer must not wait for its deadline. */
    @Test
    void anAnswerThatCannotBeBuiltFailsAtOnce() {
        assertThatThrownBy(() -> Uni.createFrom().<Response>emitter(answer -> WebhookAnswer.when(
                Uni.createFrom().item((Outcome) null), answer, metrics, Span.getInvalid(), "lead"))
                .await().atMost(Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
    }
}
