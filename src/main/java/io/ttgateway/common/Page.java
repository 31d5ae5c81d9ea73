package io.ttgateway.common;

import java.util.List;

/** A page of a list read: items, and the opaque cursor of the next page (null on the last one). */
public record Page<T>(List<T> items, String nextCursor) {}
