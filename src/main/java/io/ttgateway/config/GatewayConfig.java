package io.ttgateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
    }
}
