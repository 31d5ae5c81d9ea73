package io.ttgateway.simulator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Calls the service's webhooks the way Thumbtack does: JSON body, Basic auth as user {@code thumbtack}
 * with the password the service is configured with. Non-blocking (Vert.x HTTP client) and bounded by
 * {@code gateway.simulator.webhook-timeout}; every attempt lands in the activity log.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class WebhookSender {

    private static final int MAX_LOGGED_ANSWER = 2_000;

    private final SimulatorConfig config;
    private final ActivityLog log;
    private final SimClock clock;
    private final HttpClient client;
    private final String authorization;

    WebhookSender(SimulatorConfig config, ActivityLog log, SimClock clock, Vertx vertx,
            @ConfigProperty(name = "quarkus.security.users.embedded.users.thumbtack", defaultValue = "") String password) {
        this.config = config;
        this.log = log;
        this.clock = clock;
        int timeout = (int) config.webhookTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout));
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("thumbtack:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request header carrying a credential; its value is never shown. */
    public record Credential(String name, @JsonIgnore String value) {

        @Override
        public String toString() {
            return "Credential[" + name + "]";
        }
    }

    /** POSTs or PUTs {@code payload} to {@code baseUrl + path}; never fails, the outcome is in the answer. */
    public Uni<SentWebhook> send(String kind, HttpMethod method, String baseUrl, String path, JsonNode payload) {
        return send(kind, method, baseUrl + path, Optional.of(new Credential("Authorization", authorization)), payload);
    }

    /**
     * POSTs or PUTs {@code payload} to {@code url} with the credential (if any) a v4 webhook was registered
     * with; never fails, the outcome is in the answer.
     */
    public Uni<SentWebhook> send(String kind, HttpMethod method, String url, Optional<Credential> credential,
            JsonNode payload) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .putHeader("Content-Type", "application/json");
        credential.ifPresent(c -> options.putHeader(c.name(), c.value()));
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(payload.toString())))
                .chain(response -> response.body().map(body -> new SentWebhook(clock.now(), kind, method.name(), url,
                        payload, response.statusCode(), truncate(body.toString(StandardCharsets.UTF_8)), null)))
                .ifNoItem().after(config.webhookTimeout()).fail()
                .onFailure().recoverWithItem(failure -> new SentWebhook(clock.now(), kind, method.name(), url, payload,
                        null, null, describe(failure)))
                .invoke(log::add);
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_LOGGED_ANSWER ? text : text.substring(0, MAX_LOGGED_ANSWER) + "...";
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
