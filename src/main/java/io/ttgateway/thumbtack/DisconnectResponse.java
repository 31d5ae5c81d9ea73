package io.ttgateway.thumbtack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of POST /v2/disconnect-partner. */
// Read with ObjectMapper.readValue from the raw reply (ThumbtackApi), not through a REST client signature.
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record DisconnectResponse(
        @JsonProperty("business_pk") String businessPk,
        @JsonProperty("client_id") String clientId) {}
