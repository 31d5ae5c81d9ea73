package io.ttgateway.webhook.payload;

/** Limits shared by the payloads. IDs are strings of digits in practice; only their length is bounded. */
final class Ids {
    static final int MAX_ID = 64;
    static final String EPOCH = "\\d{1,13}";
    static final String EPOCH_MESSAGE = "must be a Unix timestamp (digits)";

    private Ids() {}
}
