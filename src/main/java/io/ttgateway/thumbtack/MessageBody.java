package io.ttgateway.thumbtack;

/** Body of Thumbtack's send-message endpoints. */
public record MessageBody(String text) {}
