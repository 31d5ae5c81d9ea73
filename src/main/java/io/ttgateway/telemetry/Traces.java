package io.ttgateway.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's own spans and the attributes it adds to the instrumented ones. Attributes name
 * Thumbtack's IDs and outcomes only: never a token, a code, a secret or a message's text.
 * With tracing off (see {@link TracingSwitch}) the tracer is a no-op one: Quarkus' own tracer would still
 * record (and then drop) every span, as the SDK it builds when disabled samples everything.
 */
@ApplicationScoped
public class Traces {

    public static final AttributeKey<String> LEAD_ID = AttributeKey.stringKey("thumbtack.lead_id");
    public static final AttributeKey<String> BUSINESS_ID = AttributeKey.stringKey("thumbtack.business_id");
    public static final AttributeKey<String> WEBHOOK_TYPE = AttributeKey.stringKey("thumbtack.webhook.type");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("thumbtack.outcome");
    public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("thumbtack.lead.batch_size");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("thumbtack.attempt");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("thumbtack.outbound_message_id");
    public static final AttributeKey<String> FAILURE = AttributeKey.stringKey("thumbtack.failure");
    public static final AttributeKey<Long> EVENTS = AttributeKey.longKey("thumbtack.feed.events");
    public static final AttributeKey<List<String>> LEAD_IDS =
            AttributeKey.stringArrayKey("thumbtack.feed.lead_ids");

    private final Tracer tracer;

    Traces(Tracer tracer, @ConfigProperty(name = TracingSwitch.SDK_DISABLED) boolean disabled) {
        this.tracer = disabled ? TracerProvider.noop().get("thumbtack-gateway") : tracer;
    }

    /**
     * Runs {@code work} inside a new span, child of {@code parent}, that ends when its Uni does. The span
     * stays current on this Vert.x context until then, so the database and HTTP client spans of the work
     * become its children; the context's former span is current again afterwards.
     */
    public <T> Uni<T> span(String name, Context parent, Consumer<Span> before, Supplier<Uni<T>> work,
            BiConsumer<Span, T> after) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
            before.accept(span);
            Scope scope = span.makeCurrent();
            Uni<T> result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                result = Uni.createFrom().failure(e);
            }
            return result.onItemOrFailure().invoke((item, failure) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                } else {
                    after.accept(span, item);
                }
                span.end();
                scope.close();
            });
        });
    }

    /** {@link #span(String, Context, Consumer, Supplier, BiConsumer)} as a child of the current span. */
    public <T> Uni<T> span(String name, Consumer<Span> before, Supplier<Uni<T>> work, BiConsumer<Span, T> after) {
        return Uni.createFrom().deferred(() -> span(name, Context.current(), before, work, after));
    }

    /**
     * The lead and business a webhook body names (wherever its type keeps them), on {@code span}. A v4
     * lead is a negotiation: its ID is the lead ID (a v4 review's negotiation too).
     */
    public static void identify(Span span, JsonNode body) {
        text(body.findValue("leadID")).or(() -> text(body.findValue("negotiationID")))
                .ifPresent(id -> span.setAttribute(LEAD_ID, id));
        text(body.findValue("businessID")).ifPresent(id -> span.setAttribute(BUSINESS_ID, id));
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }
}
