package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.config.ThumbtackConfig;
import io.ttgateway.thumbtack.ThumbtackCallException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** The pro's browser flow (README, Pro connections): the connect redirect and the callback. */
@ApplicationScoped
public class OAuthFlow {

    private static final Logger LOG = Logger.getLogger(OAuthFlow.class);
    /**
     * A scope name, and an OAuth error code (RFC 6749 section 4.1.2.1: the only part of an unverified
     * error that is shown): both short lower-case words.
     */
    private static final Pattern WORD = Pattern.compile("[a-z][a-z_]{0,39}");

    /** What the callback came to: the page the pro's browser gets. */
    public sealed interface Outcome {
        int status();

        String html();

        /** The businesses connected, and a line about what happens next (or null). */
        record Connected(List<Connection> connections, String note) implements Outcome {
            @Override
            public int status() {
                return 200;
            }

            @Override
            public String html() {
                return OAuthPages.connected(connections, note);
            }
        }

        record Problem(int status, String title, String detail) implements Outcome {
            @Override
            public String html() {
                return OAuthPages.problem(title, detail);
            }
        }
    }

    private final ThumbtackConfig config;
    private final OAuthStates states;
    private final ConnectionService connections;

    OAuthFlow(ThumbtackConfig config, OAuthStates states, ConnectionService connections) {
        this.config = config;
        this.states = states;
        this.connections = connections;
    }

    /** Scopes from ?scope= (comma or space separated), or THUMBTACK_SCOPES. Empty when malformed. */
    public Optional<List<String>> scopes(String scopeParam) {
        if (scopeParam == null || scopeParam.isBlank()) {
            return Optional.of(List.copyOf(config.scopes()));
        }
        List<String> scopes = new ArrayList<>();
        for (String scope : scopeParam.split("[,\\s]+")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!WORD.matcher(scope).matches()) {
                return Optional.empty();
            }
            if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
        }
        return scopes.isEmpty() ? Optional.empty() : Optional.of(scopes);
    }

    /** A new signed state (nothing stored) and the partner-connect URL to send the browser to. */
    public Uni<URI> start(List<String> scopes) {
        return Uni.createFrom().item(() -> connectUrl(scopes, states.issue(scopes)));
    }

    URI connectUrl(List<String> scopes, String state) {
        String base = config.connectUrl();
        StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
        url.append("client_id=").append(encode(config.clientId().orElse("")));
        config.redirectUri().filter(uri -> !uri.isBlank())
                .ifPresent(uri -> url.append("&redirect_uri=").append(encode(uri)));
        url.append("&response_type=code");
        // Several scopes are joined with a space (RFC 6749, section 3.3).
        url.append("&scope=").append(encode(String.join(" ", scopes)));
        url.append("&state=").append(encode(state));
        return URI.create(url.toString());
    }

    /**
     * The callback. The state is checked (and used up) before anything is sent to Thumbtack. Thumbtack's
     * error_description is shown only with a valid state: anyone can send a pro a link to this page with
     * any text in the query.
     */
    public Uni<Outcome> callback(String code, String state, String error, String errorDescription) {
        return callback(code, state, error, errorDescription, states::consume,
                (validCode, scopes) -> connections.connectWithCode(validCode, scopes)
                        .map(connection -> new Outcome.Connected(List.of(connection), null)));
    }

    /**
     * The callback of either flow: {@code consume} uses the state up (empty: unknown, expired, used),
     * {@code exchange} turns the code and what the state carried into the connections. Thumbtack's
     * failures become pages; the state is always checked before Thumbtack is called.
     */
    <T> Uni<Outcome> callback(String code, String state, String error, String errorDescription,
            Function<String, Uni<Optional<T>>> consume, BiFunction<String, T, Uni<Outcome.Connected>> exchange) {
        if (error != null && !error.isBlank()) {
            String errorCode = WORD.matcher(error).matches() ? " (" + error + ")" : "";
            Outcome unverified = problem(400, "Connection not authorized",
                    "Thumbtack did not authorize the connection" + errorCode + ".");
            if (state == null || state.isBlank()) {
                return Uni.createFrom().item(unverified);
            }
            return consume.apply(state).<Outcome>map(valid -> valid.isEmpty() ? unverified
                    : problem(400, "Connection not authorized", "Thumbtack did not authorize the connection ("
                            + error + (errorDescription == null || errorDescription.isBlank() ? "" : ": " + errorDescription)
                            + ")."));
        }
        if (state == null || state.isBlank()) {
            return Uni.createFrom().item(problem(400, "Invalid connection link",
                    "The link has no state parameter. Start the connection from this service."));
        }
        if (code == null || code.isBlank()) {
            return Uni.createFrom().item(problem(400, "No authorization code",
                    "Thumbtack sent no authorization code. Start again."));
        }
        return consume.apply(state).chain(valid -> valid.isEmpty()
                ? Uni.createFrom().item(problem(400, "Invalid or expired connection link",
                        "This connection link is unknown, has expired (after 10 minutes) or was already used."))
                : recovered(exchange.apply(code, valid.get())));
    }

    private static Uni<Outcome> recovered(Uni<Outcome.Connected> exchange) {
        return exchange
                .<Outcome>map(connected -> connected)
                .onFailure(ThumbtackCallException.class).recoverWithItem(failure -> problem(
                        ((ThumbtackCallException) failure).status(),
                        ((ThumbtackCallException) failure).status() == 504 ? "Thumbtack did not answer"
                                : "Thumbtack refused the connection",
                        failure.getMessage() + ". The authorization code cannot be used again: start again."))
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("storing a connection failed: %s", failure.getClass().getSimpleName());
                    return problem(503, "Connection not stored",
                            "The connection could not be stored right now. Please start again in a minute.");
                });
    }

    private static Outcome problem(int status, String title, String detail) {
        return new Outcome.Problem(status, title, detail);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
