package io.ttgateway.common;

/** The request cannot be done in the current state (for example: business not connected): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
