package io.ttgateway.common;

import java.util.List;

/** Input that breaks the contract: answered 400 with each bad field named by its JSON path. */
public class InvalidInputException extends RuntimeException {

    private final List<ApiError.FieldError> details;

    public InvalidInputException(String message, List<ApiError.FieldError> details) {
        super(message, null, false, false);
        this.details = List.copyOf(details);
    }

    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException("invalid request", List.of(new ApiError.FieldError(field, message)));
    }

    public List<ApiError.FieldError> details() {
        return details;
    }
}
