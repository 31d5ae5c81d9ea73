package io.ttgateway.outbox;

/** What getting a new access token after a 401 came to. */
public sealed interface Renewal {

    /** A token other than the refused one: refreshed by us, or by someone else since the send. */
    record Renewed(String accessToken) implements Renewal {
        @Override
        public String toString() {
            return "Renewed[accessToken=<redacted>]";
        }
    }

    /** Thumbtack refused the refresh token (or the connection is gone): nothing works until the pro reconnects. */
    record Refused(String reason) implements Renewal {}

    /** No new token for now (the refresh failed for a passing reason, or took too long): try again later. */
    record NotYet(String reason) implements Renewal {}
}
