package io.ttgateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The service's own settings (not Thumbtack's). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base64 of 32 random bytes (TOKEN_ENCRYPTION_KEY). Required in prod. */
    Optional<String> tokenEncryptionKey();

    Db db();

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
