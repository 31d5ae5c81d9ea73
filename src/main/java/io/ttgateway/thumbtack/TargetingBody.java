package io.ttgateway.thumbtack;

/** Body of Thumbtack's targeting endpoints. */
public record TargetingBody(boolean enabled) {}
