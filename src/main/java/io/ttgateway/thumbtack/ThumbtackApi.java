package io.ttgateway.thumbtack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ErrorBodies;
import io.ttgateway.common.ThumbtackWait;
import io.ttgateway.config.ThumbtackConfig;
import io.ttgateway.thumbtack.ThumbtackResult.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Thumbtack's pro-api as the rest of the service sees it: one method per remote call, each naming its
 * {@link ThumbtackGuard} policy ({@code repeatable}, {@code once}, or the refresh's own) and whether a
 * {@code null} body is Thumbtack's grace-period answer to retry ({@link #tokenAttempt}) or an answer
 * like any other ({@link #attempt}). Every method answers a {@link ThumbtackResult} and never fails.
 * Log lines name the operation and the outcome only; tokens, codes, secrets and headers are never
 * logged, and are redacted from any error text Thumbtack echoes them in.
 */
@ApplicationScoped
public class ThumbtackApi {

    private static final Logger LOG = Logger.getLogger(ThumbtackApi.class);
    /** Where the pro-api and its OAuth server put their words in an error body, first found wins. */
    private static final List<String> MESSAGE_FIELDS = List.of("error_description", "message", "error", "status");
    /** Before the first grace retry of a refresh; doubled before the second. */
    private static final Duration GRACE_RETRY_DELAY = Duration.ofMillis(500);

    private final ThumbtackRestClient client;
    private final ThumbtackGuard guard;
    private final ThumbtackConfig config;
    private final ObjectMapper json;

    ThumbtackApi(@RestClient ThumbtackRestClient client, ThumbtackGuard guard, ThumbtackConfig config,
            ObjectMapper json) {
        this.client = client;
        this.guard = guard;
        this.config = config;
        this.json = json;
    }

    // --- The connection's calls (client credentials, the business's bearer token) ----------------

    /** Step 5 of the reference: exchange an authorization code for a token pair. */
    public Uni<ThumbtackResult<TokenResponse>> exchangeCode(String code) {
        String redirectUri = config.redirectUri().filter(uri -> !uri.isBlank()).orElse(null);
        return finish("exchange code", TokenResponse.class, secrets(code),
                guard.repeatable(tokenAttempt(() -> client.tokens(clientBasicAuth(), "authorization_code", code,
                        redirectUri, null, "AUTH_CODE"))));
    }

    /**
     * Step 6: a new token pair for a refresh token. The first request passes the refresh circuit
     * breaker; once it was sent, a {@code null} answer, a 5xx, a timeout or a network error is retried
     * with the same refresh token within the grace period, whatever any breaker says: at most two
     * retries, 0.5 s then 1 s apart (+-20 %), each with the 2.5 s timeout, so the last one starts
     * within about 8 s (ThumbtackGuard#refreshFirst, #graceRetry).
     */
    public Uni<ThumbtackResult<TokenResponse>> refresh(String refreshToken) {
        Supplier<Uni<Reply>> attempt = tokenAttempt(
                () -> client.tokens(clientBasicAuth(), "refresh_token", null, null, refreshToken, "REFRESH"));
        AtomicBoolean sent = new AtomicBoolean();
        Uni<Reply> guarded = Uni.createFrom()
                .deferred(() -> sent.getAndSet(true) ? guard.graceRetry(attempt) : guard.refreshFirst(attempt))
                .onFailure(ThumbtackApi::worthAGraceRetry).retry()
                .withBackOff(GRACE_RETRY_DELAY, GRACE_RETRY_DELAY.multipliedBy(2)).withJitter(0.2).atMost(2);
        return finish("refresh token", TokenResponse.class, secrets(refreshToken), guarded);
    }

    public Uni<ThumbtackResult<ThumbtackInfo>> thumbtackInfo(String accessToken) {
        return finish("get thumbtack info", ThumbtackInfo.class, secrets(accessToken),
                guard.repeatable(attempt(() -> client.thumbtackInfo(bearer(accessToken)))));
    }

    public Uni<ThumbtackResult<DisconnectResponse>> disconnect(String businessPk) {
        return finish("disconnect partner", DisconnectResponse.class, secrets(),
                guard.repeatable(attempt(() -> client.disconnectPartner(clientBasicAuth(), businessPk))));
    }

    // --- The partner's calls (messages, targeting, test data) -----------------------------------

    /** One attempt: the outbox decides about repeating it. */
    public Uni<ThumbtackResult<Void>> sendMessage(String accessToken, String businessId, String leadId, String text) {
        return finish("send message", Void.class, secrets(accessToken),
                guard.once(attempt(() -> client.sendMessage(bearer(accessToken), businessId, leadId,
                        new MessageBody(text)))));
    }

    /** One attempt through /v1; only when {@link #v1Credentials()} is present. */
    public Uni<ThumbtackResult<Void>> sendMessageV1(String businessId, String leadId, String text) {
        V1Credentials v1 = v1Credentials().orElseThrow();
        return finish("send message (v1)", Void.class, secrets(v1.secrets()),
                guard.once(attempt(() -> client.sendMessageV1(v1.authorization(), businessId, leadId,
                        new MessageBody(text)))));
    }

    /** Idempotent, so retried like the token calls. categoryId null: the service-wide variant. */
    public Uni<ThumbtackResult<JsonNode>> setTargeting(String accessToken, String serviceId, String categoryId,
            boolean enabled) {
        TargetingBody body = new TargetingBody(enabled);
        return finish("set targeting", JsonNode.class, secrets(accessToken),
                guard.repeatable(attempt(() -> categoryId == null
                        ? client.serviceTargeting(bearer(accessToken), serviceId, body)
                        : client.categoryTargeting(bearer(accessToken), serviceId, categoryId, body))));
    }

    /** Staging only; one attempt, since each call creates data. Only when {@link #v1Credentials()} is present. */
    public Uni<ThumbtackResult<JsonNode>> createTestLead(String businessId) {
        V1Credentials v1 = v1Credentials().orElseThrow();
        Map<String, String> body = businessId == null || businessId.isBlank() ? Map.of() : Map.of("businessID", businessId);
        return finish("create test lead", JsonNode.class, secrets(v1.secrets()),
                guard.once(attempt(() -> client.createTestLead(v1.authorization(), body))));
    }

    /** THUMBTACK_V1_USERNAME/PASSWORD, when both are set. */
    public Optional<V1Credentials> v1Credentials() {
        return V1Credentials.of(config);
    }

    // --- Answers into values ---------------------------------------------------------------------

    /** A sent refresh that may have rotated the pair at Thumbtack (not: a breaker that refused it). */
    private static boolean worthAGraceRetry(Throwable failure) {
        return failure instanceof RetryableFailure || failure instanceof TimeoutException;
    }

    /** An attempt whose {@code null} body is an answer like any other (read as the call's type reads it). */
    private static Supplier<Uni<Reply>> attempt(Supplier<Uni<Response>> http) {
        return () -> http.get()
                .onFailure().transform(ThumbtackApi::classify)
                .map(Reply::of)
                .invoke(ThumbtackApi::failIfServerError);
    }

    /**
     * An attempt at the token endpoint, whose {@code null} body is Thumbtack's refresh grace-period
     * answer: worth a retry like a 5xx.
     */
    private static Supplier<Uni<Reply>> tokenAttempt(Supplier<Uni<Response>> http) {
        return () -> attempt(http).get().invoke(reply -> {
            if (reply.success() && reply.isNullBody()) {
                throw new RetryableFailure(Failure.NULL_ANSWER, "Thumbtack answered null");
            }
        });
    }

    private static void failIfServerError(Reply reply) {
        if (reply.status() >= 500) {
            throw new RetryableFailure(Failure.SERVER_ERROR, "Thumbtack answered " + reply.status());
        }
    }

    private <T> Uni<ThumbtackResult<T>> finish(String operation, Class<T> type, List<String> secrets,
            Uni<Reply> guarded) {
        return ThumbtackWait.marked(guarded)
                .map(reply -> toResult(reply, type, secrets))
                .onFailure().recoverWithItem(failure -> ThumbtackApi.<T>failed(failure, secrets))
                .invoke(result -> LOG.debugf("Thumbtack %s: %s", operation, outcome(result)));
    }

    /** A {@code Void} type means any 2xx is success, whatever the body. */
    private <T> ThumbtackResult<T> toResult(Reply reply, Class<T> type, List<String> secrets) {
        if (!reply.success()) {
            return new ThumbtackResult.Rejected<>(reply.status(),
                    ErrorBodies.message(json, reply.status(), reply.body(), secrets, MESSAGE_FIELDS),
                    ErrorBodies.oauthError(json, reply.body()));
        }
        if (type == Void.class) {
            return new ThumbtackResult.Ok<>(null);
        }
        try {
            T body = json.readValue(reply.body(), type);
            if (body == null || (body instanceof TokenResponse tokens && !tokens.complete())) {
                return new ThumbtackResult.Failed<>(Failure.BAD_ANSWER,
                        "Thumbtack's answer lacks the documented fields");
            }
            return new ThumbtackResult.Ok<>(body);
        } catch (Exception unreadable) {
            return new ThumbtackResult.Failed<>(Failure.BAD_ANSWER, "Thumbtack's answer could not be read");
        }
    }

    private static <T> ThumbtackResult<T> failed(Throwable failure, List<String> secrets) {
        if (failure instanceof RetryableFailure retryable) {
            return new ThumbtackResult.Failed<>(retryable.failure(),
                    ErrorBodies.redact(retryable.getMessage(), secrets));
        }
        if (failure instanceof TimeoutException) {
            return new ThumbtackResult.Failed<>(Failure.TIMEOUT, "Thumbtack did not answer in time");
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new ThumbtackResult.Failed<>(Failure.CIRCUIT_OPEN,
                    "calls to Thumbtack are paused after repeated failures; retry in a minute");
        }
        return new ThumbtackResult.Failed<>(Failure.NETWORK, "Thumbtack could not be reached ("
                + failure.getClass().getSimpleName() + ")");
    }

    /** Any failure of the HTTP exchange itself. Only class names are kept: messages may carry the URL. */
    private static Throwable classify(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        if (name.contains("Timeout")) {
            return new RetryableFailure(Failure.TIMEOUT, "Thumbtack did not answer in time (" + name + ")");
        }
        return new RetryableFailure(Failure.NETWORK, "Thumbtack could not be reached (" + name + ")");
    }

    private static String outcome(ThumbtackResult<?> result) {
        return result.fold(ok -> "ok", rejected -> "rejected with " + rejected.status(),
                failed -> "failed: " + failed.failure());
    }

    private static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }

    private String clientBasicAuth() {
        return "Basic " + clientCredentials();
    }

    /** base64(client_id:client_secret), as the Basic header carries it (and as an error body might echo it). */
    private String clientCredentials() {
        String credentials = config.clientId().orElse("") + ":" + config.clientSecret().orElse("");
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> secrets(String... callSecrets) {
        return secrets(Arrays.asList(callSecrets));
    }

    /** The call's own secrets and the client's, which every error text is redacted of. */
    private List<String> secrets(Collection<String> callSecrets) {
        List<String> all = new ArrayList<>(callSecrets);
        config.clientSecret().ifPresent(all::add);
        all.add(clientCredentials());
        return all;
    }
}
