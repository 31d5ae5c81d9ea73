package io.ttgateway.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The service started against a "database" that accepts TCP connections and never answers (a hung
 * server or a black hole): only the pool's own time limits can end a request.
 */
public class SilentDatabaseProfile implements QuarkusTestProfile {

    /** Never accepts: the kernel completes the handshake, nothing ever replies. Lives as long as the JVM. */
    private static final ServerSocket SILENT = open();

    public static final String POOL_WAIT = "2S";

    private static ServerSocket open() {
        try {
            return new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + SILENT.getLocalPort() + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/postgres",
                "quarkus.flyway.migrate-at-start", "false",
                "gateway.db.pool-wait-timeout", POOL_WAIT);
    }
}
