package io.ttgateway.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Bounded waits for calls that may never answer. The deadline ends the wait, not the call: the call is
 * not cancelled, so it still runs to its end and releases its own connection, session and transaction
 * (a cancelled Hibernate Reactive transaction could leave its connection in limbo); only its late answer
 * is dropped. The caller gets {@link DeadlineExceededException} on its own Vert.x context.
 */
public final class Deadlines {

    private static final Logger LOG = Logger.getLogger(Deadlines.class);
    private static final String CALL_TIMEOUT = "gateway.db.call-timeout";

    private Deadlines() {}

    /** {@code call}'s answer, or DeadlineExceededException once {@code limit} has passed without one. */
    public static <T> Uni<T> within(Uni<T> call, Duration limit, String what) {
        return Uni.createFrom().emitter(answer -> {
            if (limit.isNegative() || limit.isZero()) {
                answer.fail(new IllegalArgumentException(what + ": the deadline must be positive, not " + limit));
                return;
            }
            AtomicBoolean settled = new AtomicBoolean();
            Context context = Vertx.currentContext();
            Runnable expire = () -> {
                if (settled.compareAndSet(false, true)) {
                    answer.fail(ThumbtackWait.waiting() ? new ThumbtackDeadlineExceededException(what, limit)
                            : new DeadlineExceededException(what, limit));
                }
            };
            // On a Vert.x context (every request) the timer is the event loop's own and fires on this context;
            // a Mutiny delay goes through a shared scheduler thread and its lock, twice per request.
            Cancellable timer;
            if (context == null) {
                timer = Uni.createFrom().voidItem().onItem().delayIt().by(limit).subscribe().with(late -> expire.run());
            } else {
                long id = context.owner().setTimer(Math.max(1, limit.toMillis()), late -> expire.run()); // at least 1 ms
                timer = () -> context.owner().cancelTimer(id);
            }
            call.subscribe().with(item -> {
                if (settled.compareAndSet(false, true)) {
                    timer.cancel();
                    answer.complete(item);
                } else {
                    LOG.debugf("%s answered after its deadline; answer dropped", what);
                }
            }, failure -> {
                if (settled.compareAndSet(false, true)) {
                    timer.cancel();
                    answer.fail(failure);
                } else {
                    LOG.debugf("%s failed after its deadline: %s", what, failure.toString());
                }
            });
        });
    }

    /** One database call of background work, bounded by {@code gateway.db.call-timeout}. */
    public static <T> Uni<T> dbCall(Uni<T> call, String what) {
        return within(call, ConfigProvider.getConfig().getValue(CALL_TIMEOUT, Duration.class), what);
    }
}
