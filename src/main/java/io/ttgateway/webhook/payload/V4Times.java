package io.ttgateway.webhook.payload;

import io.ttgateway.common.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Thumbtack v4's times (RFC 3339, "2026-08-16T17:13:05Z" or with an offset). */
public final class V4Times {

    private V4Times() {
    }

    /** The instant, or null when absent; a value that is no RFC 3339 time is a 400 naming the field. */
    public static Instant parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "must be an RFC 3339 time");
        }
    }
}
