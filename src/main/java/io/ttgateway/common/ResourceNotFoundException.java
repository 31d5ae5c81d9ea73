package io.ttgateway.common;

/** A resource the caller named does not exist: 404. */
public class ResourceNotFoundException extends RuntimeException {
    public ResourceNotFoundException(String message) {
        super(message, null, false, false);
    }
}
