package io.ttgateway.common;

import java.time.Instant;

/** Thumbtack's timestamps are strings of digits: seconds for leads and messages, milliseconds for reviews. */
public final class Epochs {

    /** Anything above this many seconds (year 5138) must be milliseconds. */
    private static final long MAX_SECONDS = 99_999_999_999L;

    private Epochs() {}

    public static Instant toInstant(String digits) {
        if (digits == null || digits.isEmpty()) {
            return null;
        }
        long value = Long.parseLong(digits);
        return value > MAX_SECONDS ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
