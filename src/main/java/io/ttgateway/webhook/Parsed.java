package io.ttgateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook body read once: the typed, validated payload and the raw JSON tree kept as received.
 * {@code asReceived} is the body itself, kept only when jsonb cannot hold the tree as it is (a number
 * beyond PostgreSQL's numeric): then {@code raw} is the storable copy (see {@link UnstorableText})
 * and the body is stored unchanged as text beside it. Null for every ordinary body.
 */
public record Parsed<T>(T payload, JsonNode raw, String asReceived) {

    /** The raw payload as JSON text, for the jsonb columns. */
    public String rawJson() {
        return raw.toString();
    }

    /** The body as received, for the raw_text columns; null when {@link #rawJson()} holds it whole. */
    public String rawText() {
        return asReceived;
    }
}
