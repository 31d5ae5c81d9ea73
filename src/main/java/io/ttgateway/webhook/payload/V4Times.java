package io.ttgateway.webhook.payload;

import io.ttgateway.common.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Thumbtack v4's times (RFC 3339, "2026-08-16T17:13:05Z" or with an offset). */
public final class V4Times {

    private static final int UTC_LENGTH = "2026-08-16T17:13:05Z".length();

    private V4Times() {
    }

    /** The instant, or null when absent; a value that is no RFC 3339 time is a 400 naming the field. */
    public static Instant parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant utc = utcSeconds(value);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "must be an RFC 3339 time");
        }
    }

    /**
     * The shape Thumbtack sends ("2026-08-16T17:13:05Z") read by hand: the general parser builds and
     * resolves a field map for every value, once or twice per lead. Null for any other text, which
     * the general parser then reads or refuses; what this reads, the general parser reads alike.
     */
    static Instant utcSeconds(String value) {
        if (value.length() != UTC_LENGTH || value.charAt(4) != '-' || value.charAt(7) != '-'
                || value.charAt(10) != 'T' || value.charAt(13) != ':' || value.charAt(16) != ':'
                || value.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a day or time that does not exist: the general parser refuses it with the field
        }
    }

    /** The number written in ASCII digits at [from, from + count), or -1. */
    private static int digits(String value, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
