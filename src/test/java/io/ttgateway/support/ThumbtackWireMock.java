package io.ttgateway.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * WireMock on a free loopback port playing Thumbtack's pro-api, with the Thumbtack settings pointing
 * at it. Use with {@code @WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)}
 * (global: every test class shares one application start); get the server through a field annotated
 * {@link InjectWireMock} or {@link #server()}. Stubs for the usual answers: {@link ThumbtackStubs}.
 */
public class ThumbtackWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "test client id";
    public static final String CLIENT_SECRET = "test-client-secret-7f3a9c";
    public static final String REDIRECT_URI = "http://localhost:8081/oauth/callback";
    public static final String CONNECT_URL = "https://thumbtack.test/services/partner-connect/";
    /** Thumbtack v4: its own client; the same WireMock plays the auth server and the API server. */
    public static final String V4_CLIENT_ID = "test v4 client id";
    public static final String V4_CLIENT_SECRET = "test-v4-client-secret-91b2e4";
    public static final String V4_REDIRECT_URI = "http://localhost:8081/oauth/v4/callback";
    public static final String PUBLIC_URL = "https://gateway.partner.test";

    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        WireMockServer started = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        started.start();
        server = started;
        return Map.ofEntries(
                Map.entry("thumbtack.api-url", started.baseUrl()),
                Map.entry("thumbtack.connect-url", CONNECT_URL),
                Map.entry("thumbtack.client-id", CLIENT_ID),
                Map.entry("thumbtack.client-secret", CLIENT_SECRET),
                Map.entry("thumbtack.redirect-uri", REDIRECT_URI),
                Map.entry("thumbtack.v4.api-url", started.baseUrl()),
                Map.entry("thumbtack.v4.auth-url", started.baseUrl()),
                Map.entry("thumbtack.v4.client-id", V4_CLIENT_ID),
                Map.entry("thumbtack.v4.client-secret", V4_CLIENT_SECRET),
                Map.entry("thumbtack.v4.redirect-uri", V4_REDIRECT_URI),
                Map.entry("gateway.public-url", PUBLIC_URL));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    public static WireMockServer server() {
        if (server == null) {
            throw new IllegalStateException("ThumbtackWireMock is not started");
        }
        return server;
    }

    /** The Authorization header Thumbtack's v4 token endpoint expects: Basic base64(v4 client_id:secret). */
    public static String v4ClientBasicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (V4_CLIENT_ID + ":" + V4_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** The Authorization header Thumbtack expects from this client: Basic base64(client_id:client_secret). */
    public static String clientBasicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }
}
