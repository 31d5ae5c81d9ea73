package io.ttgateway.thumbtack;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ttgateway.config.ThumbtackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The pro-api calls made for the partner's backend: send a message (v2 bearer or v1 Basic), set
 * targeting, create test data. Same client, guard and result values as {@link ThumbtackApi}.
 */
@ApplicationScoped
public class ThumbtackPartnerCalls {

    private final ThumbtackRestClient client;
    private final ThumbtackApi api;
    private final ThumbtackConfig config;

    ThumbtackPartnerCalls(@RestClient ThumbtackRestClient client, ThumbtackApi api, ThumbtackConfig config) {
        this.client = client;
        this.api = api;
        this.config = config;
    }

    /** One attempt: the outbox decides about repeating it. */
    public Uni<ThumbtackResult<Void>> sendMessage(String accessToken, String businessId, String leadId, String text) {
        return api.call("send message", Void.class, false, false, api.secrets(accessToken),
                () -> client.sendMessage("Bearer " + accessToken, businessId, leadId, new MessageBody(text)));
    }

    /** One attempt through /v1; only when {@link #v1Credentials()} is present. */
    public Uni<ThumbtackResult<Void>> sendMessageV1(String businessId, String leadId, String text) {
        String basic = v1Credentials().orElseThrow();
        return api.call("send message (v1)", Void.class, false, false, api.secrets(basic.substring(6)),
                () -> client.sendMessageV1(basic, businessId, leadId, new MessageBody(text)));
    }

    /** Idempotent, so retried like the token calls. categoryId null: the service-wide variant. */
    public Uni<ThumbtackResult<JsonNode>> setTargeting(String accessToken, String serviceId, String categoryId,
            boolean enabled) {
        TargetingBody body = new TargetingBody(enabled);
        String bearer = "Bearer " + accessToken;
        return api.call("set targeting", JsonNode.class, false, true, api.secrets(accessToken),
                () -> categoryId == null
                        ? client.serviceTargeting(bearer, serviceId, body)
                        : client.categoryTargeting(bearer, serviceId, categoryId, body));
    }

    /** Staging only; one attempt, since each call creates data. */
    public Uni<ThumbtackResult<JsonNode>> createTestLead(String businessId) {
        String basic = v1Credentials().orElseThrow();
        Map<String, String> body = businessId == null || businessId.isBlank() ? Map.of() : Map.of("businessID", businessId);
        return api.call("create test lead", JsonNode.class, false, false, api.secrets(basic.substring(6)),
                () -> client.createTestLead(basic, body));
    }

    /** "Basic base64(user:password)" of THUMBTACK_V1_USERNAME/PASSWORD, when both are set. */
    public Optional<String> v1Credentials() {
        Optional<String> user = config.v1Username().filter(u -> !u.isBlank());
        Optional<String> password = config.v1Password().filter(p -> !p.isBlank());
        if (user.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                (user.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8)));
    }
}
