package io.ttgateway.common;

import io.smallrye.mutiny.Uni;
import io.ttgateway.config.GatewayConfig;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the answer time of webhooks and partner API calls, whatever they wait for (a lock, the pool, a
 * silent connection, Thumbtack). Outermost, so the bound covers every other interceptor's work too.
 */
@AnswerDeadline
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class AnswerDeadlineInterceptor {

    private final Duration deadline;
    /** "Resource.method" of each intercepted method, made once rather than per request. */
    private final Map<Method, String> names = new ConcurrentHashMap<>();

    AnswerDeadlineInterceptor(GatewayConfig config) {
        this.deadline = config.answerDeadline();
    }

    @AroundInvoke
    Object bound(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (result instanceof Uni<?> answer) {
            return Deadlines.within(answer, deadline, names.computeIfAbsent(invocation.getMethod(),
                    method -> method.getDeclaringClass().getSimpleName() + "." + method.getName()));
        }
        return result;
    }
}
