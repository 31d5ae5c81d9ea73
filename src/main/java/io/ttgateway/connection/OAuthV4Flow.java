package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.config.ThumbtackV4Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The v4 browser flow: the connect redirect to Thumbtack's OAuth server (with audience and PKCE) and
 * the callback. The state is the legacy flow's (signed, 10 minutes, single use: {@link OAuthStates});
 * the PKCE verifier is derived from the state's nonce with a key only this service has, so the callback
 * recovers it from the state alone: nothing is stored at connect, and nothing the browser sends is
 * trusted for it.
 */
@ApplicationScoped
public class OAuthV4Flow {

    static final String AUDIENCE = "urn:partner-api";

    private final ThumbtackV4Config config;
    private final OAuthStates states;
    private final OAuthFlow flow;
    private final V4Connections connections;

    OAuthV4Flow(ThumbtackV4Config config, OAuthStates states, OAuthFlow flow, V4Connections connections) {
        this.config = config;
        this.states = states;
        this.flow = flow;
        this.connections = connections;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** A new signed state and the authorization URL with its S256 code challenge. */
    public URI start() {
        List<String> scopes = config.scopeList();
        String state = states.issue(scopes);
        String verifier = states.verifierOf(state).orElseThrow();
        String base = config.authUrl().replaceAll("/+$", "") + "/oauth2/auth";
        StringBuilder url = new StringBuilder(base).append('?');
        url.append("client_id=").append(OAuthFlow.encode(config.clientId().orElse("")));
        config.redirectUri().filter(uri -> !uri.isBlank())
                .ifPresent(uri -> url.append("&redirect_uri=").append(OAuthFlow.encode(uri)));
        url.append("&response_type=code");
        url.append("&scope=").append(OAuthFlow.encode(String.join(" ", scopes)));
        url.append("&state=").append(OAuthFlow.encode(state));
        url.append("&audience=").append(OAuthFlow.encode(AUDIENCE));
        url.append("&code_challenge=").append(challenge(verifier));
        url.append("&code_challenge_method=S256");
        return URI.create(url.toString());
    }

    /** RFC 7636 S256: base64url(SHA-256(ASCII(verifier))), no padding. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The callback: state checked and used up before Thumbtack is called; the page names the businesses. */
    public Uni<OAuthFlow.Outcome> callback(String code, String state, String error, String errorDescription) {
        return flow.callback(code, state, error, errorDescription, states::consumeWithVerifier,
                (validCode, pkce) -> connections.connect(validCode, pkce.codeVerifier(), pkce.scopes())
                        .map(connected -> new OAuthFlow.Outcome.Connected(connected.connections(),
                                "Thumbtack's deliveries to this service (webhooks) are being registered now.")));
    }
}
