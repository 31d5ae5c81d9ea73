package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The v4 token endpoint's answer. Every answer carries a new refresh token (the old one stays valid
 * for Thumbtack's 60-second grace only), so both halves are stored together at once.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Tokens(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope) {

    /** Both tokens and a lifetime: a pair that can be stored and refreshed later. */
    public boolean complete() {
        return accessToken != null && !accessToken.isBlank() && refreshToken != null && !refreshToken.isBlank()
                && expiresIn != null && expiresIn > 0;
    }

    public BearerToken bearer() {
        return new BearerToken(accessToken);
    }

    @Override
    public String toString() {
        return "V4Tokens[expiresIn=" + expiresIn + ", scope=" + scope + ", tokens redacted]";
    }
}
