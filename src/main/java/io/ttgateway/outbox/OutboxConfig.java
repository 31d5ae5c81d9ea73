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

    /** Sends in flight at once per replica. */
    @WithDefault("16")
    int concurrency();

    /** A claim's lease; must exceed one send's timeout by far. An expired lease is claimable again. */
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
