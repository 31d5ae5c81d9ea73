package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the built-in Thumbtack simulator (dev and test only). {@code gateway.simulator.enabled}
 * is read at build time: without it the simulator's beans and endpoints are not in the application.
 * The lifetimes default to Thumbtack's own (reference: Authentication, steps 4 to 6).
 */
@ConfigMapping(prefix = "gateway.simulator")
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public interface SimulatorConfig {

    /** Build-time switch; see application.properties (true under %dev and %test only). */
    @WithDefault("false")
    boolean enabled();

    /** Lifetime of an access token (Thumbtack: 1 hour). Dev shortens it so refreshes happen. */
    @WithDefault("1H")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token (Thumbtack: 720 hours). */
    @WithDefault("720H")
    Duration refreshTokenTtl();

    /** Lifetime of an authorization code (Thumbtack: 5 minutes). */
    @WithDefault("5M")
    Duration authCodeTtl();

    /** How long an already used refresh token is still accepted (Thumbtack: 10 seconds). */
    @WithDefault("10S")
    Duration refreshGrace();

    /** Where webhooks go; default: this very service, at the port the control request came in on. */
    Optional<String> webhookUrl();

    /** Timeout of one webhook delivery. */
    @WithDefault("10S")
    Duration webhookTimeout();

    /** Whether POST /v1/test/create-lead also delivers the new lead as a webhook, like staging. */
    @WithDefault("true")
    boolean deliverCreatedLeads();

    /** Lifetime of a v4 access token (Thumbtack: 1 hour, {@code expires_in} 3600). */
    @WithDefault("1H")
    Duration v4AccessTokenTtl();

    /** Lifetime of a v4 refresh token, renewed by every refresh (Thumbtack: 180 days). */
    @WithDefault("4320H")
    Duration v4RefreshTokenTtl();

    /** How long a rotated v4 refresh token still works (Thumbtack: 60 seconds). */
    @WithDefault("60S")
    Duration v4RefreshGrace();

    /** How many businesses the simulated v4 user of the consent page owns at first. */
    @WithDefault("2")
    int v4BusinessesPerUser();

    /**
     * Delay before the echo of a message sent through POST /api/v4/negotiations/{id}/messages is
     * delivered; 0 delivers it while the send's answer is still on its way, as can happen for real.
     */
    @WithDefault("500ms")
    Duration v4EchoDelay();

    /** How many entries of each kind the activity log keeps. */
    @WithDefault("200")
    int historySize();
}
