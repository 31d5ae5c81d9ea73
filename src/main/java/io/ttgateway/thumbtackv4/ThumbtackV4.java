package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ErrorBodies;
import io.ttgateway.common.ThumbtackWait;
import io.ttgateway.config.ThumbtackV4Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Thumbtack's current API (v4) as the rest of the service sees it: one method per remote call, each
 * naming its {@link V4Guard} policy, each answering a {@link V4Result} and never failing. Log lines
 * name the operation and the outcome only; tokens, codes, verifiers, webhook credentials and the
 * client secret are never logged, and are redacted from any error text Thumbtack echoes them in.
 */
@ApplicationScoped
public class ThumbtackV4 {

    private static final Logger LOG = Logger.getLogger(ThumbtackV4.class);
    /** The API answers RFC 7807 ({@code detail}, {@code title}), the OAuth server {@code error_description}. */
    private static final List<String> MESSAGE_FIELDS = List.of("detail", "error_description", "title", "message", "error");
    /** Before the first grace retry of a refresh; doubled before each further one (well inside 60 s). */
    private static final Duration GRACE_RETRY_DELAY = Duration.ofMillis(500);
    private static final int GRACE_RETRIES = 3;

    private final V4RestClient api;
    private final V4AuthRestClient auth;
    private final V4Guard guard;
    private final ThumbtackV4Config config;
    private final ObjectMapper json;

    ThumbtackV4(@RestClient V4RestClient api, @RestClient V4AuthRestClient auth, V4Guard guard,
            ThumbtackV4Config config, ObjectMapper json) {
        this.api = api;
        this.auth = auth;
        this.guard = guard;
        this.config = config;
        this.json = json;
    }

    // --- Auth server -----------------------------------------------------------------------------

    /**
     * Exchanges an authorization code (with its PKCE verifier). One attempt: a code is single use, so
     * a repeat after a lost answer could only be refused.
     */
    public Uni<V4Result<V4Tokens>> exchangeCode(String code, String codeVerifier) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        config.redirectUri().filter(uri -> !uri.isBlank()).ifPresent(uri -> form.add("redirect_uri", uri));
        form.add("code_verifier", codeVerifier);
        return finish("exchange code", V4Tokens.class, secrets(code, codeVerifier),
                guard.tokenFirst(attempt(() -> auth.token(clientBasic(), form))));
    }

    /**
     * A new token pair for a refresh token. The first request passes the token breaker; once it was
     * sent, a null answer, a 5xx, a timeout or a network error is retried with the same refresh token
     * whatever any breaker says (Thumbtack's 60-second grace): at most three retries, 0.5, 1 and 2 s
     * apart (+-20 %), each with its 2.5 s timeout, all within about 12 s.
     */
    public Uni<V4Result<V4Tokens>> refresh(String refreshToken) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", refreshToken);
        Supplier<Uni<V4Reply>> attempt = attempt(() -> auth.token(clientBasic(), form));
        AtomicBoolean sent = new AtomicBoolean();
        Uni<V4Reply> guarded = Uni.createFrom()
                .deferred(() -> sent.getAndSet(true) ? guard.graceRetry(attempt) : guard.tokenFirst(attempt))
                .onFailure(ThumbtackV4::worthAGraceRetry).retry()
                .withBackOff(GRACE_RETRY_DELAY, GRACE_RETRY_DELAY.multipliedBy(4)).withJitter(0.2)
                .atMost(GRACE_RETRIES);
        return finish("refresh token", V4Tokens.class, secrets(refreshToken), guarded);
    }

    // --- API server ------------------------------------------------------------------------------

    public Uni<V4Result<V4User>> self(BearerToken token) {
        return finish("read user", V4User.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.self(token.header()))));
    }

    /** The first page of the user's businesses, asked for as documented (no paging parameters). */
    public Uni<V4Result<V4Businesses>> businesses(BearerToken token) {
        return finish("list businesses", V4Businesses.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.businesses(token.header()))));
    }

    /** A further page of the user's businesses: {@code limit} from {@code offset}. */
    public Uni<V4Result<V4Businesses>> businesses(BearerToken token, int limit, int offset) {
        return finish("list businesses", V4Businesses.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.businesses(token.header(), limit, offset))));
    }

    public Uni<V4Result<V4Webhooks>> webhooks(BearerToken token, String businessId) {
        return finish("list webhooks", V4Webhooks.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.webhooks(token.header(), businessId))));
    }

    /** One attempt: a lost answer may hide a created webhook, which the next listing finds. */
    public Uni<V4Result<V4Webhook>> createWebhook(BearerToken token, String businessId, V4WebhookRequest request) {
        return finish("create webhook", V4Webhook.class, secrets(token.value(), request.auth().username(), request.auth().password()),
                guard.once(attempt(() -> api.createWebhook(token.header(), businessId, request))));
    }

    public Uni<V4Result<Void>> updateWebhookAuth(BearerToken token, String businessId, String webhookId,
            V4WebhookAuth credentials) {
        return finish("update webhook auth", Void.class, secrets(token.value(), credentials.username(), credentials.password()),
                guard.repeatable(attempt(() -> api.updateWebhookAuth(token.header(), businessId, webhookId,
                        credentials))));
    }

    public Uni<V4Result<Void>> deleteWebhook(BearerToken token, String businessId, String webhookId) {
        return finish("delete webhook", Void.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.deleteWebhook(token.header(), businessId, webhookId))));
    }

    /** One attempt: each call makes Thumbtack create a test lead. */
    public Uni<V4Result<JsonNode>> testNegotiation(BearerToken token, String businessId) {
        return finish("create test negotiation", JsonNode.class, secrets(token.value()),
                guard.once(attempt(() -> api.testNegotiation(token.header(), businessId))));
    }

    public Uni<V4Result<V4Negotiation>> negotiation(BearerToken token, String negotiationId) {
        return finish("read negotiation", V4Negotiation.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.negotiation(token.header(), negotiationId))));
    }

    /** One attempt: the outbox decides about a repeat, with its back-off and its attempt count. */
    public Uni<V4Result<V4Message>> sendMessage(BearerToken token, String negotiationId, String text) {
        return finish("send message", V4Message.class, secrets(token.value()),
                guard.once(attempt(() -> api.sendMessage(token.header(), negotiationId, new V4Text(text)))));
    }

    public Uni<V4Result<Void>> jobStatus(BearerToken token, String negotiationId, V4JobStatus status) {
        return finish("set job status", Void.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.jobStatus(token.header(), negotiationId,
                        new V4JobStatus.Body(status.wireName())))));
    }

    public Uni<V4Result<V4ReviewPage>> reviews(BearerToken token, String businessId, int limit, int offset) {
        return finish("list reviews", V4ReviewPage.class, secrets(token.value()),
                guard.repeatable(attempt(() -> api.reviews(token.header(), businessId, limit, offset))));
    }

    // --- Answers into values ---------------------------------------------------------------------

    private static boolean worthAGraceRetry(Throwable failure) {
        return failure instanceof V4RetryableFailure || failure instanceof TimeoutException;
    }

    private static Supplier<Uni<V4Reply>> attempt(Supplier<Uni<Response>> http) {
        return () -> http.get()
                .onFailure().transform(ThumbtackV4::classify)
                .map(V4Reply::of)
                .invoke(ThumbtackV4::failIfRetryable);
    }

    private static void failIfRetryable(V4Reply reply) {
        if (reply.status() >= 500) {
            throw new V4RetryableFailure(V4Result.Failure.SERVER_ERROR, "Thumbtack answered " + reply.status(),
                    reply.retryAfterDelay());
        }
        if (reply.status() == 202) {
            throw new V4RetryableFailure(V4Result.Failure.CHALLENGED,
                    "Thumbtack's firewall held the request (202)", reply.retryAfterDelay());
        }
        if (reply.success() && reply.isNullBody()) {
            throw new V4RetryableFailure(V4Result.Failure.NULL_ANSWER, "Thumbtack answered null", Optional.empty());
        }
    }

    private <T> Uni<V4Result<T>> finish(String operation, Class<T> type, List<String> secrets, Uni<V4Reply> guarded) {
        return ThumbtackWait.marked(guarded)
                .map(reply -> toResult(reply, type, secrets))
                .onFailure().recoverWithItem(failure -> ThumbtackV4.<T>unanswered(failure, secrets))
                .invoke(result -> LOG.debugf("Thumbtack v4 %s: %s", operation, outcome(result)));
    }

    private <T> V4Result<T> toResult(V4Reply reply, Class<T> type, List<String> secrets) {
        if (!reply.success()) {
            return new V4Result.Refused<>(reply.status(),
                    ErrorBodies.message(json, reply.status(), reply.body(), secrets, MESSAGE_FIELDS),
                    ErrorBodies.oauthError(json, reply.body()), reply.retryAfterDelay());
        }
        if (type == Void.class) {
            return new V4Result.Ok<>(null);
        }
        try {
            T body = json.readValue(reply.body(), type);
            if (body == null || (body instanceof V4Tokens tokens && !tokens.complete())) {
                return new V4Result.Unanswered<>(V4Result.Failure.BAD_ANSWER,
                        "Thumbtack's answer lacks the documented fields");
            }
            return new V4Result.Ok<>(body);
        } catch (Exception unreadable) {
            return new V4Result.Unanswered<>(V4Result.Failure.BAD_ANSWER, "Thumbtack's answer could not be read");
        }
    }

    private static <T> V4Result<T> unanswered(Throwable failure, List<String> secrets) {
        if (failure instanceof V4RetryableFailure retryable) {
            return new V4Result.Unanswered<>(retryable.failure(),
                    ErrorBodies.redact(retryable.getMessage(), secrets), retryable.retryAfter());
        }
        if (failure instanceof TimeoutException) {
            return new V4Result.Unanswered<>(V4Result.Failure.TIMEOUT, "Thumbtack did not answer in time");
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new V4Result.Unanswered<>(V4Result.Failure.CIRCUIT_OPEN,
                    "calls to Thumbtack are paused after repeated failures; retry in a minute");
        }
        return new V4Result.Unanswered<>(V4Result.Failure.NETWORK, "Thumbtack could not be reached ("
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
            return new V4RetryableFailure(V4Result.Failure.TIMEOUT,
                    "Thumbtack did not answer in time (" + name + ")", Optional.empty());
        }
        return new V4RetryableFailure(V4Result.Failure.NETWORK, "Thumbtack could not be reached (" + name + ")",
                Optional.empty());
    }

    private static String outcome(V4Result<?> result) {
        return result.fold(ok -> "ok", refused -> "refused with " + refused.status(),
                unanswered -> "unanswered: " + unanswered.failure());
    }

    private String clientBasic() {
        return "Basic " + clientCredentials();
    }

    /** base64(client_id:client_secret), as the Basic header carries it (and as an error body might echo it). */
    private String clientCredentials() {
        String credentials = config.clientId().orElse("") + ":" + config.clientSecret().orElse("");
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> secrets(String... callSecrets) {
        List<String> all = new ArrayList<>(List.of(callSecrets));
        config.clientSecret().ifPresent(all::add);
        all.add(clientCredentials());
        return all;
    }
}
