package io.ttgateway.common;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the request on a Vert.x context is waiting on Thumbtack right now. The clients mark each call
 * to Thumbtack ({@link #marked}); when a request's answer deadline passes, {@link Deadlines} asks, so
 * that a deadline spent waiting on Thumbtack is answered 504 (an upstream timeout) and not 503 (this
 * service's own slowness). Counted on the request's duplicated context, which its calls share.
 */
public final class ThumbtackWait {

    private static final String KEY = ThumbtackWait.class.getName();

    private ThumbtackWait() {}

    /** {@code call}, with the caller's context marked as waiting on Thumbtack from subscription to its end. */
    public static <T> Uni<T> marked(Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            AtomicInteger calls = calls(Vertx.currentContext());
            if (calls == null) {
                return call;
            }
            calls.incrementAndGet();
            return call.onTermination().invoke(calls::decrementAndGet);
        });
    }

    /** Whether a call to Thumbtack marked on the current context has not ended yet. */
    static boolean waiting() {
        Context context = Vertx.currentContext();
        AtomicInteger calls = context == null || !VertxContext.isDuplicatedContext(context) ? null
                : ContextLocals.<AtomicInteger>get(KEY).orElse(null);
        return calls != null && calls.get() > 0;
    }

    private static AtomicInteger calls(Context context) {
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return null;
        }
        AtomicInteger calls = ContextLocals.<AtomicInteger>get(KEY).orElse(null);
        if (calls == null) {
            calls = new AtomicInteger();
            ContextLocals.put(KEY, calls);
        }
        return calls;
    }
}
