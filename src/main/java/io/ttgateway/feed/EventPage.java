package io.ttgateway.feed;

import java.util.List;

/** A page of the event feed. nextCursor is what to pass as `after` to continue (never null). */
public record EventPage(List<FeedEvent> items, String nextCursor) {}
