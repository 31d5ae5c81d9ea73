package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** A business webhook as Thumbtack describes it; its secret is never echoed. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Webhook(String webhookID, String webhookURL, Boolean enabled, String authType, String businessID,
        List<String> eventTypes) {
}
