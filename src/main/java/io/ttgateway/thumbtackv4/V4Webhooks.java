package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** GET /api/v4/businesses/{b}/webhooks: {"data": [...], "pagination": {...}}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Webhooks(List<V4Webhook> data) {

    public V4Webhooks {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
