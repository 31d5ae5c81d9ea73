package io.ttgateway.outbox;

/** The message a send request stands for, and whether this request created it (false: an idempotent repeat). */
public record Enqueued(OutboundView message, boolean created) {}
