package io.ttgateway.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gateway.feed")
public interface FeedConfig {

    /** How often each replica probes the event log for new settled events (the live stream's latency). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** SSE comment sent this often so proxies keep an idle stream open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How often each replica measures the feed's lag (thumbtack_feed_lag_seconds, thumbtack_feed_held_events). */
    @WithDefault("15s")
    Duration lagProbeInterval();

    /** Largest page of GET /api/v1/events and of one SSE catch-up read. */
    @WithDefault("500")
    int maxPage();
}
