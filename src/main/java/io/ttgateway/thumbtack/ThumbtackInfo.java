package io.ttgateway.thumbtack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Answer of GET /v2/get-thumbtack-info: the business the bearer token belongs to. */
// Read with ObjectMapper.readValue from the raw reply (ThumbtackApi), not through a REST client signature.
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThumbtackInfo(
        @JsonProperty("business_pk") String businessPk,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("scope") List<String> scope,
        @JsonProperty("business_name") String businessName) {

    public List<String> scopes() {
        return scope == null ? List.of() : scope;
    }
}
