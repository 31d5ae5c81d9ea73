package io.ttgateway.webhook;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.ttgateway.common.RefusedValue;
import io.ttgateway.common.StorageUnavailableException;
import io.ttgateway.telemetry.Traces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * A webhook's answer once its storing ended. A value the database refuses for what it is ({@link RefusedValue})
 * becomes a 400, since it would fail again on every redelivery; the outcome is counted and put on the request's
 * span; a stored, repeated or waiting webhook gets its outcome's status and body.
 *
 * <p>The webhook resources answer through one emitter rather than a chain of Mutiny operators: each operator
 * captures and restores the request's contexts (context propagation) around its callback, on the busiest
 * path of the service.
 */
final class WebhookAnswer {

    private static final Logger LOG = Logger.getLogger(WebhookAnswer.class);

    private WebhookAnswer() {
    }

    /** Settles {@code answer} with {@code storing}'s outcome or failure, counted under {@code type}. */
    static void when(Uni<Outcome> storing, UniEmitter<? super Response> answer, WebhookMetrics metrics, Span span,
            String type) {
        storing.subscribe().with(outcome -> settle(answer, metrics, span, type, outcome, null),
                failure -> settle(answer, metrics, span, type, null, failure));
    }

    /** Settles {@code answer} with an outcome, or with a failure (then {@code outcome} is null). */
    static void settle(UniEmitter<? super Response> answer, WebhookMetrics metrics, Span span, String type,
            Outcome outcome, Throwable failure) {
        try {
            answer(answer, metrics, span, type, outcome, failure);
        } catch (RuntimeException unexpected) {
            // Mutiny drops what a subscriber's callback throws: without this the request would wait for its deadline
            answer.fail(unexpected);
        }
    }

    private static void answer(UniEmitter<? super Response> answer, WebhookMetrics metrics, Span span, String type,
            Outcome outcome, Throwable failure) {
        Throwable why = failure;
        if (failure != null && RefusedValue.is(failure)) {
            LOG.warnf("a %s webhook was refused by the database, answering 400: %s", type,
                    StorageUnavailableException.describe(failure));
            why = RefusedValue.toInvalidInput(failure);
        }
        span.setAttribute(Traces.OUTCOME, metrics.record(type, outcome, why));
        if (why != null) {
            answer.fail(why);
        } else {
            answer.complete(Response.status(outcome.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(outcome.json()).build());
        }
    }
}
