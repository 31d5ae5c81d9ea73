package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of the v4 authorization URL (reference v4: OAuth 2.0): client_id, redirect_uri,
 * response_type=code, scope (space separated), state of at least 8 characters, audience, and the optional
 * PKCE code_challenge with code_challenge_method=S256. A wrong or missing audience is not refused here:
 * as at Thumbtack, the tokens are issued and every API call with them answers 502 proxy_oauth_failed.
 */
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
record V4AuthorizeRequest(String clientId, String redirectUri, String responseType, String scope, String state,
        String audience, String codeChallenge, String codeChallengeMethod) {

    /** The scopes seen for pro integrations (reference v4: OAuth 2.0). */
    static final List<String> AVAILABLE_SCOPES = List.of("offline_access", "supply::businesses.list",
            "supply::users.read", "supply::webhooks.read", "supply::webhooks.write", "supply::negotiations.read",
            "supply::negotiations.write", "supply::messages.read", "supply::messages.write", "supply::users.disconnect");
    static final int MIN_STATE = 8;

    /** What is wrong with the request, if anything, in words for the pro's browser. */
    Optional<String> problem(String registeredClientId) {
        if (blank(clientId) || !registeredClientId.equals(clientId)) {
            return Optional.of("Unknown client_id. The simulator knows only the v4 client configured in"
                    + " thumbtack.v4.client-id (THUMBTACK_V4_CLIENT_ID).");
        }
        if (blank(redirectUri) || !ConnectRequest.isHttpUrl(redirectUri)) {
            return Optional.of("redirect_uri is required and must be an absolute http(s) URL.");
        }
        if (!"code".equals(responseType)) {
            return Optional.of("response_type must be code.");
        }
        if (scopes().isEmpty()) {
            return Optional.of("scope is required: space separated, of " + String.join(" ", AVAILABLE_SCOPES) + ".");
        }
        List<String> unknown = new ArrayList<>(scopes());
        unknown.removeAll(Set.copyOf(AVAILABLE_SCOPES));
        if (!unknown.isEmpty()) {
            return Optional.of("Unknown scope " + String.join(", ", unknown) + " (scopes are separated by spaces).");
        }
        if (state == null || state.length() < MIN_STATE) {
            return Optional.of("state must be at least " + MIN_STATE + " characters.");
        }
        if (!blank(codeChallenge) && !"S256".equals(codeChallengeMethod)) {
            return Optional.of("code_challenge_method must be S256.");
        }
        if (blank(codeChallenge) && !blank(codeChallengeMethod)) {
            return Optional.of("code_challenge_method without code_challenge.");
        }
        return Optional.empty();
    }

    List<String> scopes() {
        return blank(scope) ? List.of() : Arrays.stream(scope.split(" +")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    boolean audienceIsPartnerApi() {
        return SimV4Auth.AUDIENCE.equals(audience);
    }

    /** Null without PKCE. */
    String challengeOrNull() {
        return blank(codeChallenge) ? null : codeChallenge;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
