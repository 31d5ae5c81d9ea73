package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** GET /api/v4/users/self: the Thumbtack user a grant belongs to. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4User(String userID, String email, String firstName, String lastName) {
}
