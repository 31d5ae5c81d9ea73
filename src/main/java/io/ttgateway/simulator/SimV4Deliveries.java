package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.ttgateway.simulator.SimV4Data.Webhook;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Delivers v4 events the way Thumbtack does (reference v4: Deliveries): to every enabled webhook of the
 * business registered for the event type, at its registered URL, with its registered credentials, one
 * envelope per webhook naming that webhook. Each delivery is bounded by {@code webhook-timeout} and
 * recorded in the activity log (kind "v4 " + event type); none is retried.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimV4Deliveries {

    private static final Logger LOG = Logger.getLogger(SimV4Deliveries.class);

    private final SimV4Data data;
    private final SimV4Samples samples;
    private final SimClock clock;
    private final WebhookSender sender;

    SimV4Deliveries(SimV4Data data, SimV4Samples samples, SimClock clock, WebhookSender sender) {
        this.data = data;
        this.samples = samples;
        this.clock = clock;
        this.sender = sender;
    }

    /** Delivers now; the answer lists one outcome per webhook (empty when none takes the event type). */
    public Uni<List<SentWebhook>> deliver(String businessId, String eventType, ObjectNode eventData) {
        List<Webhook> targets = data.webhooks(businessId).stream().filter(w -> w.takes(eventType)).toList();
        if (targets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<SentWebhook>> sends = targets.stream()
                .map(w -> sender.send("v4 " + eventType, HttpMethod.POST, w.url(), w.auth().credential(),
                        samples.envelope(eventType, w.webhookId(), clock.now(), eventData)))
                .toList();
        return Uni.join().all(sends).andCollectFailures();
    }

    /**
     * Delivers after {@code delay} without making the caller wait, as Thumbtack delivers after it has
     * answered the API call that caused the event (a test negotiation, the echo of a sent message).
     */
    public void deliverLater(String businessId, String eventType, ObjectNode eventData, Duration delay) {
        Uni<Void> wait = delay.isNegative() || delay.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        Uni<List<SentWebhook>> delivery = wait.chain(() -> deliver(businessId, eventType, eventData));
        delivery.subscribe().with(sent -> {}, failure -> LOG.warnf("v4 %s delivery for business %s failed: %s",
                eventType, businessId, failure.getClass().getSimpleName()));
    }
}
