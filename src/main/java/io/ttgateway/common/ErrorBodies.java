package io.ttgateway.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Thumbtack's own words from an error body (either API), short and with every secret of the call
 * replaced by [redacted]: an error body may echo the code or token it refuses, and the text goes into
 * logs, events and the partner's error answers.
 */
public final class ErrorBodies {

    private static final int MAX_LENGTH = 300;

    private ErrorBodies() {}

    /**
     * The first non-blank text of {@code fields} (a field holding {@code {"message": …}} counts), else the
     * body itself when it is plain text, else {@code HTTP <status>}; redacted before it is shortened, so
     * no cut can leave part of a secret behind.
     */
    public static String message(ObjectMapper json, int status, String body, List<String> secrets,
            List<String> fields) {
        String message = extract(json, redact(body, secrets), fields);
        return message == null || message.isBlank() ? "HTTP " + status : message;
    }

    /** The OAuth error code of a JSON error body ({@code "error": "invalid_grant"}), else null. */
    public static String oauthError(ObjectMapper json, String body) {
        JsonNode node = tree(json, body);
        JsonNode error = node == null ? null : node.get("error");
        return error != null && error.isTextual() && error.asText().matches("[a-z_]{1,64}") ? error.asText() : null;
    }

    /** {@code text} with each secret of four characters or more replaced by [redacted]. */
    public static String redact(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, "[redacted]");
            }
        }
        return result;
    }

    private static String extract(ObjectMapper json, String body, List<String> fields) {
        String text = body.strip();
        if (text.isEmpty() || text.startsWith("<")) {
            return null;
        }
        JsonNode node = tree(json, text);
        if (node != null) {
            for (String field : fields) {
                JsonNode value = node.get(field);
                if (value != null && value.isObject()) {
                    value = value.get("message");
                }
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    return shorten(value.asText());
                }
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
