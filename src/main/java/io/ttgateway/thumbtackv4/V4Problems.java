package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * Thumbtack's own words from a v4 error body, short and with every secret of the call replaced by
 * [redacted]: the API answers RFC 7807 ({@code detail}, {@code title}), the OAuth server
 * {@code {"error", "error_description"}}.
 */
final class V4Problems {

    private static final int MAX_LENGTH = 300;
    private static final List<String> FIELDS = List.of("detail", "error_description", "title", "message", "error");

    private V4Problems() {}

    static String message(ObjectMapper json, V4Reply reply, List<String> secrets) {
        // Redacted before it is shortened, so no cut can leave part of a secret behind.
        String message = extract(json, redact(reply.body(), secrets));
        return message == null || message.isBlank() ? "HTTP " + reply.status() : message;
    }

    /** The OAuth error code of a JSON error body ({@code "error": "invalid_grant"}), else null. */
    static String oauthError(ObjectMapper json, V4Reply reply) {
        JsonNode body = tree(json, reply.body());
        JsonNode error = body == null ? null : body.get("error");
        return error != null && error.isTextual() && error.asText().matches("[a-z_]{1,64}") ? error.asText() : null;
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
        JsonNode node = tree(json, text);
        if (node == null) {
            return shorten(text);
        }
        for (String field : FIELDS) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return shorten(value.asText());
            }
        }
        return shorten(text);
    }

    private static JsonNode tree(ObjectMapper json, String text) {
        String body = text.strip();
        if (!body.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH) + "...";
    }
}
