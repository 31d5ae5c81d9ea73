package io.ttgateway.thumbtack;

import jakarta.ws.rs.core.Response;

/** A raw answer: status and body text (empty when there was none). */
record Reply(int status, String body) {

    static Reply of(Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Reply(response.getStatus(), body == null ? "" : body);
        }
    }

    boolean isNullBody() {
        return "null".equals(body.strip());
    }

    boolean success() {
        return status >= 200 && status < 300;
    }
}
