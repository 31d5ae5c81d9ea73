package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** GET /api/v4/businesses: {"data": [...], "pagination": {...}}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Businesses(List<V4Business> data) {

    public V4Businesses {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
