package io.ttgateway.connection;

import io.ttgateway.config.ThumbtackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * When a newly stored access token may be refreshed. The rule is THUMBTACK_REFRESH_AHEAD as it says:
 * due once {@code expiresAt - ahead} is reached (the job's query; no extra hold-back). Only a token
 * whose whole life is not longer than {@code ahead} would be due the moment it is issued and be
 * refreshed by every run: such a token is held back until half-way through its life, and the log says
 * so once per token lifetime seen.
 */
@ApplicationScoped
class RefreshSchedule {

    private static final Logger LOG = Logger.getLogger(RefreshSchedule.class);
    /** Thumbtack issues tokens of one or two lifetimes; the set only bounds the one-time log lines. */
    private static final int MAX_REPORTED = 64;

    private final Duration ahead;
    private final Set<Duration> reported = ConcurrentHashMap.newKeySet();

    RefreshSchedule(ThumbtackConfig thumbtack) {
        this.ahead = thumbtack.refreshAhead();
    }

    /** {@code next_refresh_attempt_at} for a token issued at {@code now}: null (due by expiry alone), or the loop guard. */
    Instant notBefore(Duration lifetime, Instant now) {
        if (ahead.compareTo(lifetime) < 0) {
            return null;
        }
        if (reported.size() < MAX_REPORTED && reported.add(lifetime)) {
            LOG.warnf("THUMBTACK_REFRESH_AHEAD (%s) is not shorter than the access tokens' lifetime (%d s):"
                    + " such tokens are refreshed half-way through their life instead, so that they are not"
                    + " refreshed in a loop; set THUMBTACK_REFRESH_AHEAD below the token lifetime", ahead,
                    lifetime.toSeconds());
        }
        return now.plus(lifetime.dividedBy(2));
    }
}
