package io.ttgateway.simulator;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The service talking to its own built-in simulator, as in dev: the test server listens on a free port
 * chosen here, and thumbtack.api-url, connect-url and redirect-uri point at that same server. Global
 * test resources (the WireMock Thumbtack) are left out.
 */
public class SimulatorProfile implements QuarkusTestProfile {

    static final int PORT = freePort();
    static final String BASE = "http://localhost:" + PORT;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", String.valueOf(PORT),
                "thumbtack.api-url", BASE + "/simulator/pro-api",
                "thumbtack.connect-url", BASE + "/simulator/partner-connect",
                "thumbtack.redirect-uri", BASE + "/oauth/callback");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
