package io.ttgateway.webhook;

/** What a webhook delivery did. Every value means the delivery is durably stored. */
public enum Outcome {
    /** First delivery: stored. 200. */
    STORED(200, "stored"),
    /** Seen before: nothing changed. 200. */
    DUPLICATE(200, "duplicate"),
    /** Stored, but its lead is not known yet (applied or shown when the lead arrives). 202. */
    LEAD_NOT_KNOWN(202, "accepted; lead not known yet");

    private final int status;
    private final String description;
    private final String json;

    Outcome(int status, String description) {
        this.status = status;
        this.description = description;
        this.json = "{\"status\":\"" + description + "\"}";
    }

    /** The answer's body, {"status": description}, written once (no serialisation per request). */
    public String json() {
        return json;
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }
}
