package io.ttgateway.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Query parameters of paged reads: limits and opaque cursors, each rejected with its field named. */
public final class Cursors {

    private Cursors() {}

    public static int limit(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw InvalidInputException.field("limit", "must be between 1 and " + max);
        }
        return requested;
    }

    /** An opaque cursor for a keyset position (the internal row id). */
    public static String encode(String kind, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The row id inside a cursor of this kind, or Long.MAX_VALUE for the first page. */
    public static long decode(String kind, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return Long.parseLong(text.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw InvalidInputException.field("cursor", "is not a cursor this endpoint handed out");
    }
}
