package io.ttgateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The service's own settings (not Thumbtack's). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base64 of 32 random bytes (TOKEN_ENCRYPTION_KEY). Required in prod. */
    Optional<String> tokenEncryptionKey();

    Db db();

    // --- Connections ---------------------------------------------------------------------------

    /**
     * Earlier values of TOKEN_ENCRYPTION_KEY (base64, comma separated), only to decrypt tokens sealed
     * before a key rotation (GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS). New values always use the current key.
     */
    Optional<List<String>> previousTokenEncryptionKeys();

    Refresh refresh();

    /**
     * The base URL at which Thumbtack reaches this service (GATEWAY_PUBLIC_URL); v4 webhooks are
     * registered at {public-url}/v4/webhooks. Required in prod when v4 is on.
     */
    Optional<String> publicUrl();

    V4 v4();

    /** The service's side of Thumbtack v4. */
    interface V4 {
        /** v4 leads created (Thumbtack's createdAt) this recently are watched for changes (GATEWAY_V4_LEAD_WATCH). */
        @WithDefault("7D")
        Duration leadWatch();

        /** How often each watched v4 lead is read again, spread over the interval (GATEWAY_V4_LEAD_POLL). */
        @WithDefault("15M")
        Duration leadPoll();

        /** How often failed v4 webhook registrations are retried (a Quarkus duration, or "off"); read by @Scheduled. */
        @WithDefault("30s")
        String webhookRetryInterval();
    }

    /**
     * Longest time any webhook or partner API request waits for its answer; then it is answered 503
     * with Retry-After (below Thumbtack's 15 s).
     */
    @WithDefault("14S")
    Duration answerDeadline();

    /** The token refresh job. */
    interface Refresh {
        /** How often the job runs (a Quarkus duration, or "off"); read by @Scheduled. */
        @WithDefault("30s")
        String interval();

        /** At most this many connections are refreshed (one after the other) per run. */
        @WithDefault("50")
        int batchSize();

        /** How long a claim keeps other replicas off a connection; far above one refresh (<= ~10 s). */
        @WithDefault("60s")
        Duration lease();

        /** Back-off after the first failed refresh; doubles per further failure. */
        @WithDefault("1m")
        Duration backoffInitial();

        /** Longest back-off; also the pause before a rejected connection may be tried again. */
        @WithDefault("1h")
        Duration backoffMax();
    }

    interface Db {
        /** Schema holding every table; Flyway creates it. */
        @WithDefault("thumbtack")
        String schema();

        /** Longest wait to open a TCP connection to PostgreSQL. */
        @WithDefault("5S")
        Duration connectTimeout();

        /** Longest wait for a pooled connection (opening one included); then the request fails with 503. */
        @WithDefault("5S")
        Duration poolWaitTimeout();

        /** Requests that may wait for a connection when all are busy; any more fail at once with 503. */
        @WithDefault("256")
        int maxWaitQueue();

        // Session limits of the service's own connections (sent at connect; Flyway's JDBC connection
        // does not get them, so a long migration is not cut short).

        /** PostgreSQL lock_timeout: a statement waiting this long for a lock fails (answered 503). */
        @WithDefault("5S")
        Duration lockTimeout();

        /** PostgreSQL statement_timeout: no statement of the service runs longer. */
        @WithDefault("10S")
        Duration statementTimeout();

        /** PostgreSQL idle_in_transaction_session_timeout: ends a session left idle inside a transaction. */
        @WithDefault("30S")
        Duration idleInTransactionTimeout();

        /** Idle time before TCP keepalive probes start on a pooled connection (then every 10 s, 3 times). */
        @WithDefault("60S")
        Duration tcpKeepaliveIdle();

        /** TCP_USER_TIMEOUT: a connection whose sent data stays unacknowledged this long is dropped (Linux, native transport). */
        @WithDefault("30S")
        Duration tcpUserTimeout();

        /** Longest wait for one database call of background work (outbox, refresh job, feed probe). */
        @WithDefault("12S")
        Duration callTimeout();
    }
}
