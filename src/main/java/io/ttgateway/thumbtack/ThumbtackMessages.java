package io.ttgateway.thumbtack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Thumbtack's error message from an error body, short and with every secret of the call replaced by
 * [redacted] (an error body may echo the code or token it refuses).
 */
final class ThumbtackMessages {

    private static final int MAX_LENGTH = 300;
    private static final List<String> FIELDS = List.of("error_description", "message", "error", "status");

    private ThumbtackMessages() {}

    static String fromBody(ObjectMapper json, Reply reply, List<String> secrets) {
        // Redacted before it is shortened, so no cut can leave part of a secret behind.
        String message = extract(json, redact(reply.body(), secrets));
        return message == null || message.isBlank() ? "HTTP " + reply.status() : message;
    }

    /** The OAuth error code of a JSON error body ({@code "error": "invalid_grant"}), else null. */
    static String errorCode(ObjectMapper json, Reply reply) {
        String text = reply.body().strip();
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonNode error = json.readTree(text).get("error");
            return error != null && error.isTextual() && error.asText().matches("[a-z_]{1,64}") ? error.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    static String redact(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, "[redacted]");
            }
        }
        return result;
    }

    private static String extract(ObjectMapper json, String body) {
        String text = body.strip();
        if (text.isEmpty() || text.startsWith("<")) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject()) {
                for (String field : FIELDS) {
                    JsonNode value = node.get(field);
                    if (value != null && value.isTextual()) {
                        return shorten(value.asText());
                    }
                    if (value != null && value.isObject() && value.path("message").isTextual()) {
                        return shorten(value.path("message").asText());
                    }
                }
            }
        } catch (Exception notJson) {
            // plain-text body: used as it is
        }
        return shorten(text);
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH) + "...";
    }
}
