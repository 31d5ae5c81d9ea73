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

    // --- Connections (issue 3) -------------------------------------------------------------------

    /**
     * Earlier values of TOKEN_ENCRYPTION_KEY (base64, comma separated), only to decrypt tokens sealed
     * before a key rotation (GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS). New values always use the current key.
     */
    Optional<List<String>> previousTokenEncryptionKeys();

    Refresh refresh();

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
    }
}
