package io.ttgateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The Thumbtack settings (environment variables THUMBTACK_*; README, Settings). */
@ConfigMapping(prefix = "thumbtack")
public interface ThumbtackConfig {

    /** OAuth client id (consumer key). Required in prod. */
    Optional<String> clientId();

    /** OAuth client secret. Required in prod. */
    Optional<String> clientSecret();

    /** This service's /oauth/callback URL as registered with Thumbtack. Required in prod. */
    Optional<String> redirectUri();

    /** Default scopes asked for on /oauth/connect. */
    @WithDefault("messages")
    List<String> scopes();

    /** Thumbtack's partner-connect page. */
    @WithDefault("https://thumbtack.com/services/partner-connect/")
    String connectUrl();

    /** pro-api base URL. */
    @WithDefault("https://pro-api.thumbtack.com")
    String apiUrl();

    /** Optional Basic credentials for Thumbtack's /v1 endpoints. */
    Optional<String> v1Username();

    Optional<String> v1Password();

    /** Refresh an access token this long before it expires. */
    @WithDefault("10M")
    Duration refreshAhead();
}
