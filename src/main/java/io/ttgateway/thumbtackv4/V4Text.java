package io.ttgateway.thumbtackv4;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a message sent as the pro. */
@RegisterForReflection
record V4Text(String text) {
}
