package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ConnectionService;
import io.ttgateway.connection.StoredToken;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * A new access token after Thumbtack refused one, with one refresh per business however many senders
 * were refused at once. First the stored token is read again: if it differs from the refused one,
 * someone refreshed since the send (another message, the refresh job, another replica) and it is used
 * as is. If a refresh is running, its end is waited for. Only otherwise is a refresh started here; when
 * another caller took the refresh lease first, that one is waited for instead. A message fails only
 * when the connection cannot be refreshed at all (Thumbtack refused the refresh token, or the pro
 * disconnected); a refresh that fails for a passing reason means "not yet", and the message is retried
 * later with back-off.
 */
@ApplicationScoped
public class TokenRenewal {

    /**
     * The longest wait for someone else's refresh. A refresh ends within about 10 s (ThumbtackGuard's
     * retry bound); the wait stays far inside the message's lease (60 s by default).
     */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(15);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final ConnectionService connections;
    private final Vertx vertx;

    TokenRenewal(ConnectionService connections, Vertx vertx) {
        this.connections = connections;
        this.vertx = vertx;
    }

    public Uni<Renewal> renew(String businessId, String refusedToken) {
        return round(businessId, refusedToken, Progress.start());
    }

    private Uni<Renewal> round(String businessId, String refused, Progress progress) {
        return connections.storedToken(businessId).chain(stored -> {
            Renewal known = known(stored, refused);
            if (known != null) {
                return Uni.createFrom().item(known);
            }
            if (stored.refreshRunning()) {
                if (progress.pastDeadline()) {
                    return Uni.createFrom().item((Renewal) new Renewal.NotYet("the refresh of business " + businessId
                            + " running elsewhere did not end within " + WAIT_LIMIT.toSeconds() + " s"));
                }
                return pause(progress.poll()).chain(() -> round(businessId, refused, progress.waited()));
            }
            if (progress.settled() != null) {
                return Uni.createFrom().item((Renewal) new Renewal.NotYet(progress.settled()));
            }
            return connections.replaceRefused(businessId, refused).chain(token -> token.fold(
                    bearer -> Uni.createFrom().item((Renewal) new Renewal.Renewed(bearer.token())),
                    notConnected -> Uni.createFrom().item((Renewal) new Renewal.Refused(notConnected.reason())),
                    // Failed for a passing reason, or another caller holds the refresh lease: read again,
                    // which waits for that caller's refresh or ends with this reason.
                    unavailable -> round(businessId, refused, progress.refreshFailed(unavailable.reason()))));
        });
    }

    /** The outcome the stored row decides by itself: a different token, or a connection that is gone. */
    private static Renewal known(StoredToken stored, String refused) {
        return stored.token().fold(
                bearer -> bearer.token().equals(refused) ? null : new Renewal.Renewed(bearer.token()),
                notConnected -> new Renewal.Refused(notConnected.reason()),
                unavailable -> null);
    }

    /** Completes after {@code delay} on the caller's Vert.x context (where its database session lives). */
    private Uni<Void> pause(Duration delay) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(delay.toMillis(), id -> {
            if (context == null) {
                emitter.complete(null);
            } else {
                context.runOnContext(ignored -> emitter.complete(null));
            }
        }));
    }

    /**
     * Where one renewal stands: its deadline, the next poll interval, and (once a refresh ended without
     * a new token, ours or someone else's) why there is none.
     */
    private record Progress(long deadlineNanos, Duration poll, String settled) {

        static Progress start() {
            return new Progress(System.nanoTime() + WAIT_LIMIT.toNanos(), FIRST_POLL, null);
        }

        boolean pastDeadline() {
            return System.nanoTime() - deadlineNanos > 0;
        }

        Progress waited() {
            Duration next = poll.multipliedBy(2);
            return new Progress(deadlineNanos, next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next,
                    "the refresh that was running brought no new token");
        }

        Progress refreshFailed(String reason) {
            return new Progress(deadlineNanos, poll, reason);
        }
    }
}
