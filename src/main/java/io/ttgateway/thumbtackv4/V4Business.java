package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One business of a grant's user (GET /api/v4/businesses). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Business(String businessID, String name, String imageURL) {
}
