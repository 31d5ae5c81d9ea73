package io.ttgateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** A webhook body read once: the typed, validated payload and the raw JSON tree kept as received. */
public record Parsed<T>(T payload, JsonNode raw) {

    /** The raw payload as JSON text, for the jsonb columns. */
    public String rawJson() {
        return raw.toString();
    }
}
