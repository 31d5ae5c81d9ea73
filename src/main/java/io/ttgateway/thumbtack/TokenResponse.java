package io.ttgateway.thumbtack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of POST /v2/tokens/access. toString() is overridden: the record never prints its tokens. */
// Read with ObjectMapper.readValue from the raw reply (ThumbtackApi), not through a REST client signature.
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken) {

    /** Thumbtack's documented default lifetime of an access token, used when expires_in is absent. */
    public static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;

    public long expiresInSeconds() {
        return expiresIn == null || expiresIn <= 0 ? DEFAULT_EXPIRES_IN_SECONDS : expiresIn;
    }

    boolean complete() {
        return accessToken != null && !accessToken.isBlank() && refreshToken != null && !refreshToken.isBlank();
    }

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", tokens=<redacted>]";
    }
}
