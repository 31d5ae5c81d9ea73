package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * A new access token after Thumbtack refused one, with one refresh per business (per grant for v4)
 * however many callers were refused at once, across replicas. First the stored token is read again: if
 * it differs from the refused one, someone refreshed since the call (another caller, the refresh job,
 * another replica) and it is used as is. If a refresh is running, its end is waited for. Only otherwise
 * is a refresh started here ({@link ConnectionService#replaceRefused}: refreshes only if the stored
 * token is still the refused one, under the row lock that takes the lease); when another caller took
 * the lease first, that one is waited for instead.
 *
 * <p>The answer: {@link AccessToken.Bearer} a token other than the refused one; {@link
 * AccessToken.NotConnected} when the connection cannot be refreshed at all (Thumbtack refused the
 * refresh token, or the pro disconnected); {@link AccessToken.Unavailable} when the refresh failed for a
 * passing reason, is backing off, or took too long ("not yet").
 */
@ApplicationScoped
public class TokenReplacement {

    /**
     * The longest wait for someone else's refresh. A refresh ends within about 10 s (the clients' retry
     * bound); the wait stays far inside an outbox message's lease (60 s by default).
     */
    public static final Duration WAIT_LIMIT = Duration.ofSeconds(15);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final ConnectionService connections;
    private final Vertx vertx;

    TokenReplacement(ConnectionService connections, Vertx vertx) {
        this.connections = connections;
        this.vertx = vertx;
    }

    public Uni<AccessToken> replace(String businessId, String refusedToken) {
        return round(businessId, refusedToken, Progress.start());
    }

    private Uni<AccessToken> round(String businessId, String refused, Progress progress) {
        return connections.storedToken(businessId).chain(stored -> {
            AccessToken known = known(stored, refused);
            if (known != null) {
                return Uni.createFrom().item(known);
            }
            if (stored.refreshRunning()) {
                if (progress.pastDeadline()) {
                    return Uni.createFrom().item((AccessToken) new AccessToken.Unavailable("the refresh of business "
                            + businessId + " running elsewhere did not end within " + WAIT_LIMIT.toSeconds() + " s"));
                }
                return pause(progress.poll()).chain(() -> round(businessId, refused, progress.waited()));
            }
            if (progress.settled() != null) {
                return Uni.createFrom().item((AccessToken) progress.settled());
            }
            return connections.replaceRefused(businessId, refused).chain(token -> token.fold(
                    bearer -> Uni.createFrom().item((AccessToken) bearer),
                    notConnected -> Uni.createFrom().item((AccessToken) notConnected),
                    // Failed for a passing reason, or another caller holds the refresh lease: read again,
                    // which waits for that caller's refresh or ends with this reason.
                    unavailable -> round(businessId, refused, progress.refreshFailed(unavailable))));
        });
    }

    /** The outcome the stored row decides by itself: a different token, or a connection that is gone. */
    private static AccessToken known(StoredToken stored, String refused) {
        return stored.token().fold(
                bearer -> bearer.token().equals(refused) ? null : bearer,
                notConnected -> notConnected,
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
    private record Progress(long deadlineNanos, Duration poll, AccessToken.Unavailable settled) {

        static Progress start() {
            return new Progress(System.nanoTime() + WAIT_LIMIT.toNanos(), FIRST_POLL, null);
        }

        boolean pastDeadline() {
            return System.nanoTime() - deadlineNanos > 0;
        }

        Progress waited() {
            Duration next = poll.multipliedBy(2);
            return new Progress(deadlineNanos, next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next,
                    new AccessToken.Unavailable("the refresh that was running brought no new token"));
        }

        Progress refreshFailed(AccessToken.Unavailable why) {
            return new Progress(deadlineNanos, poll, why);
        }
    }
}
