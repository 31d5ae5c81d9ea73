package io.ttgateway.thumbtackv4;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Basic credentials Thumbtack sends with every delivery of a webhook. Never printed. */
@RegisterForReflection
public record V4WebhookAuth(String username, String password) {

    @Override
    public String toString() {
        return "V4WebhookAuth[redacted]";
    }
}
