package io.ttgateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook body read once: the typed, validated payload, the raw JSON tree, and the JSON text stored
 * in the JSON columns ({@code rawJson}: the body itself, less the whitespace between its tokens,
 * whenever PostgreSQL reads it as the parser did, so the tree is not written out again; else the tree's
 * text; see {@link WebhookParser#storedText}).
 * {@code asReceived} is the body itself, kept only when jsonb cannot hold the tree as it is (a number
 * beyond PostgreSQL's numeric): then {@code raw} and {@code rawJson} are the storable copy (see
 * {@link UnstorableText}) and the body is stored unchanged as text beside it. Null for every ordinary body.
 */
public record Parsed<T>(T payload, JsonNode raw, String rawJson, String asReceived) {

    /** The body as received, for the raw_text columns; null when {@link #rawJson()} holds it whole. */
    public String rawText() {
        return asReceived;
    }
}
