package io.ttgateway.thumbtackv4;

/** A v4 access token on its way into an Authorization header. Its text never reaches a log line. */
public record BearerToken(String value) {

    public BearerToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an access token is required");
        }
    }

    String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
