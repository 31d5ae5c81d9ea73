package io.ttgateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Thumbtack's current API (v4): its own OAuth client, auth server and API server (environment
 * variables THUMBTACK_V4_*). v4 is on only while both the client id and the secret are set.
 */
@ConfigMapping(prefix = "thumbtack.v4")
public interface ThumbtackV4Config {

    /** The v4 OAuth client id (not the legacy one). */
    Optional<String> clientId();

    Optional<String> clientSecret();

    /** This service's /oauth/v4/callback URL as registered with Thumbtack. Required in prod when v4 is on. */
    Optional<String> redirectUri();

    /** OAuth server: {auth-url}/oauth2/auth and {auth-url}/oauth2/token. */
    @WithDefault("https://auth.thumbtack.com")
    String authUrl();

    /** API server: the calls are under {api-url}/api/v4. */
    @WithDefault("https://api.thumbtack.com")
    String apiUrl();

    /** Scopes asked for, space or comma separated. */
    @WithDefault("offline_access supply::businesses.list supply::webhooks.read supply::webhooks.write "
            + "supply::negotiations.read supply::negotiations.write supply::messages.read supply::messages.write")
    String scopes();

    /** Whether a pro may connect through v4: both halves of the client are set. */
    default boolean enabled() {
        return clientId().filter(id -> !id.isBlank()).isPresent()
                && clientSecret().filter(secret -> !secret.isBlank()).isPresent();
    }

    /** The scopes one by one, whichever separator the setting used. */
    default List<String> scopeList() {
        return Arrays.stream(scopes().split("[\\s,]+")).filter(scope -> !scope.isBlank()).toList();
    }
}
