package io.ttgateway.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The error body of every non-2xx answer: {"error": "...", "details": [{"field", "message"}]}. */
// Always answered inside a Response, where Quarkus does not look for types to register.
@RegisterForReflection
public record ApiError(String error, List<FieldError> details) {

    public record FieldError(String field, String message) {}

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
