package io.ttgateway.connection;

import io.ttgateway.thumbtack.ThumbtackResult;
import io.ttgateway.thumbtackv4.V4Result;

/**
 * Why a refresh brought no new pair while the refresh token was not refused: the reason tag of
 * thumbtack_token_refresh_failures_total and what an operator can do about it. None of these marks a
 * connection NEEDS_REAUTH: they are about this service's settings, its network or Thumbtack's state,
 * not about the pro's grant, and they pass once that is fixed.
 */
enum RefreshFailure {
    CLIENT_UNAUTHORIZED("client_unauthorized", "Thumbtack refused this service's client credentials: check"
            + " THUMBTACK_CLIENT_ID and THUMBTACK_CLIENT_SECRET (and that they belong to the environment"
            + " THUMBTACK_API_URL points at)"),
    FORBIDDEN("forbidden", "Thumbtack, or a firewall in front of it, refused the call: check that this"
            + " service's outbound address may call THUMBTACK_API_URL"),
    NOT_FOUND("not_found", "no token endpoint there: check THUMBTACK_API_URL"),
    REDIRECTED("redirected", "answered with a redirect, which is not followed: check THUMBTACK_API_URL"
            + " (scheme and host)"),
    BAD_REQUEST("bad_request", "Thumbtack did not take the request: check THUMBTACK_API_URL and"
            + " THUMBTACK_CLIENT_ID"),
    RATE_LIMITED("rate_limited", "Thumbtack is rate limiting this client; the back-off spaces the next tries"),
    SERVER_ERROR("server_error", "Thumbtack answered with server errors, also on the retries; passing"),
    TIMEOUT("timeout", "Thumbtack did not answer in time, also on the retries; passing"),
    NETWORK("network", "Thumbtack could not be reached: check THUMBTACK_API_URL, DNS and outbound network"),
    CIRCUIT_OPEN("circuit_open", "new refreshes are paused for 30 s after repeated refresh failures"),
    NULL_ANSWER("null_answer", "Thumbtack answered null also to the grace retries; passing"),
    BAD_ANSWER("bad_answer", "Thumbtack's answer lacks the documented token fields"),
    CHALLENGED("challenged", "Thumbtack's firewall held the request (202, a silent challenge); passing");

    private final String tag;
    private final String hint;

    RefreshFailure(String tag, String hint) {
        this.tag = tag;
        this.hint = hint;
    }

    String tag() {
        return tag;
    }

    String hint() {
        return hint;
    }

    /** The failure a v4 token endpoint answer other than a new pair or a refused refresh token comes to. */
    static RefreshFailure ofV4(V4Result<?> answer) {
        return answer.fold(ok -> {
            throw new IllegalArgumentException("not a failure");
        }, refused -> ofStatus(refused.status()), unanswered -> switch (unanswered.failure()) {
            case SERVER_ERROR -> SERVER_ERROR;
            case CHALLENGED -> CHALLENGED;
            case TIMEOUT -> TIMEOUT;
            case NETWORK -> NETWORK;
            case CIRCUIT_OPEN -> CIRCUIT_OPEN;
            case NULL_ANSWER -> NULL_ANSWER;
            case BAD_ANSWER -> BAD_ANSWER;
        });
    }

    /** The failure an answer other than a new pair or a refused refresh token comes to. */
    static RefreshFailure of(ThumbtackResult<?> answer) {
        return answer.fold(ok -> {
            throw new IllegalArgumentException("not a failure: " + answer.describe());
        }, rejected -> ofStatus(rejected.status()), failed -> switch (failed.failure()) {
            case SERVER_ERROR -> SERVER_ERROR;
            case TIMEOUT -> TIMEOUT;
            case NETWORK -> NETWORK;
            case CIRCUIT_OPEN -> CIRCUIT_OPEN;
            case NULL_ANSWER -> NULL_ANSWER;
            case BAD_ANSWER -> BAD_ANSWER;
        });
    }

    private static RefreshFailure ofStatus(int status) {
        if (status == 401) {
            return CLIENT_UNAUTHORIZED;
        }
        if (status == 403) {
            return FORBIDDEN;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 300 && status < 400 ? REDIRECTED : BAD_REQUEST;
    }
}
