package io.ttgateway.leadwatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the v4 lead watch paces its reads of Thumbtack (which publishes no rate-limit figures). Each
 * replica runs every {@link #every()}, claims at most {@link #batch()} due leads, and reads them one
 * after the other at most {@link #rate()} per second; so all replicas together read at most
 * replicas x rate per second. The leads' own spacing is GATEWAY_V4_LEAD_POLL (GatewayConfig).
 */
@ConfigMapping(prefix = "gateway.v4.poll")
public interface LeadWatchConfig {

    /** How often each replica looks for due leads (GATEWAY_V4_POLL_EVERY). */
    @WithDefault("10s")
    String every();

    /** Leads one run claims at most; keep it at or below rate x every, so a run ends before the next (GATEWAY_V4_POLL_BATCH). */
    @WithDefault("50")
    int batch();

    /** Reads of Thumbtack per second and replica at most (GATEWAY_V4_POLL_RATE). */
    @WithDefault("5")
    double rate();

    /** After a 429 without Retry-After: no reads on this replica for this long (GATEWAY_V4_POLL_RATE_LIMIT_PAUSE). */
    @WithDefault("60s")
    Duration rateLimitPause();
}
