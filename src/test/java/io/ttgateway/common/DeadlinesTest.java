package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bounded wait answers with the call, or once the limit has passed, on the caller's Vert.x context. */
class DeadlinesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aCallThatNeverAnswersFailsAfterItsLimitOnTheCallersContext() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        CompletableFuture<Boolean> onCaller = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            io.vertx.core.Context caller = Vertx.currentContext();
            Deadlines.within(Uni.createFrom().nothing(), Duration.ofMillis(50), "a silent call").subscribe().with(
                    item -> failed.completeExceptionally(new AssertionError("answered " + item)), failure -> {
                        onCaller.complete(Vertx.currentContext() == caller);
                        failed.complete(failure);
                    });
        });
        assertThat(failed.get(5, TimeUnit.SECONDS)).isInstanceOf(DeadlineExceededException.class);
        assertThat(onCaller.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallThatAnswersInTimeIsAnsweredAndItsTimerNeverFires() throws Exception {
        CompletableFuture<Object> answered = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> Deadlines.within(Uni.createFrom().item("stored"),
                Duration.ofMillis(50), "a quick call").subscribe().with(answered::complete, answered::completeExceptionally));
        assertThat(answered.get(5, TimeUnit.SECONDS)).isEqualTo("stored");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void aLimitThatIsNotPositiveIsRefused(long millis) {
        assertThatThrownBy(() -> Deadlines.within(Uni.createFrom().item(1), Duration.ofMillis(millis), "a call")
                .await().atMost(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a call");
    }
}
