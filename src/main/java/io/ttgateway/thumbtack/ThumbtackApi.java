package io.ttgateway.thumbtack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.ttgateway.config.ThumbtackConfig;
import io.ttgateway.thumbtack.ThumbtackResult.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The pro-api as the rest of the service sees it. Every method answers a {@link ThumbtackResult} and
 * never fails: timeouts, retries and the circuit breaker are {@link ThumbtackGuard}'s. Log lines name
 * the operation and the outcome only; tokens, codes, secrets and headers are never logged.
 */
@ApplicationScoped
public class ThumbtackApi {

    private static final Logger LOG = Logger.getLogger(ThumbtackApi.class);
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

    /** Step 5 of the reference: exchange an authorization code for a token pair. */
    public Uni<ThumbtackResult<TokenResponse>> exchangeCode(String code) {
        String redirectUri = config.redirectUri().filter(uri -> !uri.isBlank()).orElse(null);
        return call("exchange code", TokenResponse.class, true, secrets(code),
                () -> client.tokens(clientBasicAuth(), "authorization_code", code, redirectUri, null, "AUTH_CODE"));
    }

    /**
     * Step 6: a new token pair for a refresh token. The first request passes the refresh circuit
     * breaker; once it was sent, a {@code null} answer, a 5xx, a timeout or a network error is retried
     * with the same refresh token within the grace period, whatever any breaker says: at most two
     * retries, 0.5 s then 1 s apart (+-20 %), each with the 2.5 s timeout, so the last one starts
     * within about 8 s (ThumbtackGuard#refreshFirst, #graceRetry).
     */
    public Uni<ThumbtackResult<TokenResponse>> refresh(String refreshToken) {
        List<String> secrets = secrets(refreshToken);
        Supplier<Uni<Reply>> attempt = attempt(true,
                () -> client.tokens(clientBasicAuth(), "refresh_token", null, null, refreshToken, "REFRESH"));
        AtomicBoolean sent = new AtomicBoolean();
        Uni<Reply> guarded = Uni.createFrom()
                .deferred(() -> sent.getAndSet(true) ? guard.graceRetry(attempt) : guard.refreshFirst(attempt))
                .onFailure(ThumbtackApi::worthAGraceRetry).retry()
                .withBackOff(GRACE_RETRY_DELAY, GRACE_RETRY_DELAY.multipliedBy(2)).withJitter(0.2).atMost(2);
        return finish("refresh token", TokenResponse.class, secrets, guarded);
    }

    /** A sent refresh that may have rotated the pair at Thumbtack (not: a breaker that refused it). */
    private static boolean worthAGraceRetry(Throwable failure) {
        return failure instanceof RetryableFailure || failure instanceof TimeoutException;
    }

    public Uni<ThumbtackResult<ThumbtackInfo>> thumbtackInfo(String accessToken) {
        return call("get thumbtack info", ThumbtackInfo.class, false, secrets(accessToken),
                () -> client.thumbtackInfo("Bearer " + accessToken));
    }

    public Uni<ThumbtackResult<DisconnectResponse>> disconnect(String businessPk) {
        return call("disconnect partner", DisconnectResponse.class, false, secrets(),
                () -> client.disconnectPartner(clientBasicAuth(), businessPk));
    }

    private <T> Uni<ThumbtackResult<T>> call(String operation, Class<T> type, boolean nullIsRetryable,
            List<String> secrets, Supplier<Uni<Response>> http) {
        return call(operation, type, nullIsRetryable, true, secrets, http);
    }

    /**
     * One call under the guard's policies. {@code repeatable} false: a single attempt (timeout and
     * circuit breaker only), for calls whose repetition is decided by the caller, such as a message
     * send. A {@code Void} type means any 2xx is success, whatever the body.
     */
    <T> Uni<ThumbtackResult<T>> call(String operation, Class<T> type, boolean nullIsRetryable, boolean repeatable,
            List<String> secrets, Supplier<Uni<Response>> http) {
        Supplier<Uni<Reply>> attempt = attempt(nullIsRetryable, http);
        return finish(operation, type, secrets, repeatable ? guard.call(attempt) : guard.once(attempt));
    }

    private static Supplier<Uni<Reply>> attempt(boolean nullIsRetryable, Supplier<Uni<Response>> http) {
        return () -> http.get()
                .onFailure().transform(ThumbtackApi::classify)
                .map(Reply::of)
                .invoke(reply -> failIfRetryable(reply, nullIsRetryable));
    }

    private <T> Uni<ThumbtackResult<T>> finish(String operation, Class<T> type, List<String> secrets,
            Uni<Reply> guarded) {
        return guarded
                .map(reply -> toResult(reply, type, secrets))
                .onFailure().recoverWithItem(failure -> ThumbtackApi.<T>failed(failure, secrets))
                .invoke(result -> LOG.debugf("Thumbtack %s: %s", operation, outcome(result)));
    }

    private static void failIfRetryable(Reply reply, boolean nullIsRetryable) {
        if (reply.status() >= 500) {
            throw new RetryableFailure(Failure.SERVER_ERROR, "Thumbtack answered " + reply.status());
        }
        if (nullIsRetryable && reply.success() && reply.isNullBody()) {
            throw new RetryableFailure(Failure.NULL_ANSWER, "Thumbtack answered null");
        }
    }

    private <T> ThumbtackResult<T> toResult(Reply reply, Class<T> type, List<String> secrets) {
        if (!reply.success()) {
            return new ThumbtackResult.Rejected<>(reply.status(), ThumbtackMessages.fromBody(json, reply, secrets),
                    ThumbtackMessages.errorCode(json, reply));
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
                    ThumbtackMessages.redact(retryable.getMessage(), secrets));
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
        if (result instanceof ThumbtackResult.Rejected<?> rejected) {
            return "rejected with " + rejected.status();
        }
        if (result instanceof ThumbtackResult.Failed<?> failed) {
            return "failed: " + failed.failure();
        }
        return "ok";
    }

    String clientBasicAuth() {
        String credentials = config.clientId().orElse("") + ":" + config.clientSecret().orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    List<String> secrets(String... callSecrets) {
        List<String> all = new ArrayList<>(Arrays.asList(callSecrets));
        config.clientSecret().ifPresent(all::add);
        all.add(clientBasicAuth().substring("Basic ".length()));
        return all;
    }
}
