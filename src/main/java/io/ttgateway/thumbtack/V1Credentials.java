package io.ttgateway.thumbtack;

import io.ttgateway.config.ThumbtackConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The partner's Basic credentials for Thumbtack's /v1 endpoints (THUMBTACK_V1_USERNAME/PASSWORD).
 * Neither the password nor the header ever reaches a log line; {@link #secrets} are what an error
 * text Thumbtack echoes them in is redacted of.
 */
public record V1Credentials(String username, String password) {

    public V1Credentials {
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            throw new IllegalArgumentException("a v1 username and password are required");
        }
    }

    /** Present when both settings are set and not blank. */
    static Optional<V1Credentials> of(ThumbtackConfig config) {
        Optional<String> user = config.v1Username().filter(u -> !u.isBlank());
        Optional<String> password = config.v1Password().filter(p -> !p.isBlank());
        return user.flatMap(u -> password.map(p -> new V1Credentials(u, p)));
    }

    /** The Authorization header's value: "Basic base64(user:password)". */
    String authorization() {
        return "Basic " + encoded();
    }

    /** The header's encoded part and the password: either may come back in an error body. */
    List<String> secrets() {
        return List.of(encoded(), password);
    }

    private String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "V1Credentials[username=" + username + ", password=<redacted>]";
    }
}
