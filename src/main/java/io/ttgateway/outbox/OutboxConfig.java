package io.ttgateway.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gateway.outbox")
public interface OutboxConfig {

    /** How often each replica looks for due messages (it is also woken right after a new one). */
    @WithDefault("1s")
    String pollInterval();

    /** Rows one claim takes. */
    @WithDefault("50")
    int batchSize();

    /**
     * Sends in flight at once per replica. A claimed batch goes out in waves of this size and the next
     * claim waits for the whole batch, so it defaults to the batch size: one wave per batch (with 16,
     * a batch of 50 took four waves: 2,000 messages to a Thumbtack answering in 50 ms took 14 s on the
     * bench machine, 8.5 s with one wave; see docs/bench.md).
     */
    @WithDefault("50")
    int concurrency();

    /**
     * A claim's lease; must exceed one delivery by far: after a 401 that is two sends (5 s timeout each)
     * and the wait for a token refresh (at most 15 s, TokenRenewal). An expired lease is claimable again.
     */
    @WithDefault("60s")
    Duration lease();

    /** Attempts before a message is FAILED (429, 5xx, timeouts and network errors are retried). */
    @WithDefault("10")
    int maxAttempts();

    /** First retry delay; doubles per attempt, with jitter, up to maxBackoff. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** Longest accepted message text, in characters. */
    @WithDefault("5000")
    int maxTextLength();
}
