package io.ttgateway.thumbtack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of POST /v2/disconnect-partner. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DisconnectResponse(
        @JsonProperty("business_pk") String businessPk,
        @JsonProperty("client_id") String clientId) {}
