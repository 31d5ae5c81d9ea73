package io.ttgateway.thumbtackv4;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** A raw answer: status, body text (empty when there was none) and its Retry-After, if any. */
record V4Reply(int status, String body, String retryAfter) {

    static V4Reply of(Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new V4Reply(response.getStatus(), body == null ? "" : body,
                    response.getHeaderString(HttpHeaders.RETRY_AFTER));
        }
    }

    /** 2xx but 202: Thumbtack's API answers 202 when its firewall holds the request. */
    boolean success() {
        return status >= 200 && status < 300 && status != 202;
    }

    boolean isNullBody() {
        return "null".equals(body.strip());
    }

    /** Retry-After in seconds or as an HTTP date; absent, unreadable or in the past: empty. */
    Optional<Duration> retryAfterDelay() {
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Optional.empty() : Optional.of(until);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }
}
