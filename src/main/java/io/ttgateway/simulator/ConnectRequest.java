package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of the partner-connect URL (reference: Authentication, step 2): client_id, scope and
 * response_type=code required; redirect_uri and state optional. Scopes may be separated by commas or
 * spaces.
 */
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
record ConnectRequest(String clientId, String redirectUri, String responseType, String scope, String state) {

    static final List<String> AVAILABLE_SCOPES = List.of("messages", "availability", "bookings", "targeting");

    /** What is wrong with the request, if anything, in words for the pro's browser. */
    Optional<String> problem(Optional<String> registeredClientId) {
        if (blank(clientId)) {
            return Optional.of("client_id is required.");
        }
        if (registeredClientId.map(id -> !id.equals(clientId)).orElse(true)) {
            return Optional.of("Unknown client_id. The simulator knows only the client configured in thumbtack.client-id.");
        }
        if (!"code".equals(responseType)) {
            return Optional.of("response_type must be code.");
        }
        if (blank(scope) || scopes().isEmpty()) {
            return Optional.of("scope is required (one or more of " + String.join(", ", AVAILABLE_SCOPES) + ").");
        }
        List<String> unknown = new ArrayList<>(scopes());
        unknown.removeAll(Set.copyOf(AVAILABLE_SCOPES));
        if (!unknown.isEmpty()) {
            return Optional.of("Unknown scope " + String.join(", ", unknown) + "; available: "
                    + String.join(", ", AVAILABLE_SCOPES) + ".");
        }
        if (!blank(redirectUri) && !isHttpUrl(redirectUri)) {
            return Optional.of("redirect_uri must be an absolute http(s) URL.");
        }
        return Optional.empty();
    }

    List<String> scopes() {
        return blank(scope) ? List.of()
                : Arrays.stream(scope.split("[,\\s]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Null when the partner gave none (the code is then shown to the pro instead of redirected). */
    String redirectOrNull() {
        return blank(redirectUri) ? null : redirectUri;
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
