package io.ttgateway.simulator;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The service talking to its own built-in simulator, as in dev: the test server listens on a free port
 * chosen here, and thumbtack.api-url, connect-url and redirect-uri, the v4 auth and API URLs, the v4
 * redirect-uri and the public URL (where v4 webhooks are registered) point at that same server, with the
 * v4 client the simulator accepts. Global test resources (the WireMock Thumbtack) are left out.
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
                "thumbtack.redirect-uri", BASE + "/oauth/callback",
                "thumbtack.v4.client-id", V4Sim.CLIENT_ID,
                "thumbtack.v4.client-secret", V4Sim.CLIENT_SECRET,
                "thumbtack.v4.auth-url", BASE + "/simulator/v4-auth",
                "thumbtack.v4.api-url", BASE + "/simulator/v4-api",
                "thumbtack.v4.redirect-uri", BASE + "/oauth/v4/callback",
                "gateway.public-url", BASE);
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
