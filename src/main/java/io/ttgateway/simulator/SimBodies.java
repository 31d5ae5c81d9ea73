package io.ttgateway.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads request bodies the way the reference describes them: "passing in the Content-Type header is
 * required"; a missing or invalid body is a 400.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimBodies {

    private final ObjectMapper json;

    SimBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON object of the body; empty when the body is empty and {@code emptyAllowed}. */
    public Optional<JsonNode> object(String contentType, String body, boolean emptyAllowed) {
        return parse(contentType, body, emptyAllowed, problem -> SimError.badRequest("invalid_request", problem));
    }

    /** The JSON object of a v4 request's body (required); problems are answered RFC 7807. */
    public JsonNode v4Object(String contentType, String body) {
        return parse(contentType, body, false, problem -> SimError.problem(400, "Bad Request", problem)).get();
    }

    private Optional<JsonNode> parse(String contentType, String body, boolean emptyAllowed,
            Function<String, SimError> invalid) {
        if (!isJson(contentType)) {
            throw invalid.apply("Content-Type: application/json is required");
        }
        if (body == null || body.isBlank()) {
            if (emptyAllowed) {
                return Optional.empty();
            }
            throw invalid.apply("missing body");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid.apply("invalid body: malformed JSON");
        }
        if (!node.isObject()) {
            throw invalid.apply("invalid body: expected a JSON object");
        }
        return Optional.of(node);
    }

    /** The message text of {"text": "..."}: required, a non-blank string. */
    public String text(String contentType, String body) {
        JsonNode text = object(contentType, body, false).get().get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw SimError.badRequest("invalid_request", "invalid body: text is required and must be a non-empty string");
        }
        return text.asText();
    }

    /** The value of {"enabled": ...}: a boolean, or the strings "true" / "false" as in the reference's samples. */
    public boolean enabled(String contentType, String body) {
        JsonNode enabled = object(contentType, body, false).get().get("enabled");
        if (enabled != null && enabled.isBoolean()) {
            return enabled.booleanValue();
        }
        if (enabled != null && enabled.isTextual() && ("true".equals(enabled.asText()) || "false".equals(enabled.asText()))) {
            return Boolean.parseBoolean(enabled.asText());
        }
        throw SimError.badRequest("invalid_request", "invalid body: enabled is required, true or false");
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isId(String value) {
        return value != null && !value.isEmpty() && value.length() <= 30 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
