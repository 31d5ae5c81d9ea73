package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.ttgateway.simulator.SimBusinesses.Business;
import io.ttgateway.simulator.SimBusinesses.Lead;
import io.ttgateway.simulator.SimSamples.Sample;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The webhooks the simulated Thumbtack sends to the service (reference: Partner Endpoints): a new lead,
 * a customer message, a lead update and a review, each made from the reference's sample with fresh IDs.
 * Without an explicit business the lead goes to the most recently connected one.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimWebhooks {

    private final SimulatorConfig config;
    private final SimBusinesses businesses;
    private final SimSamples samples;
    private final SimClock clock;
    private final WebhookSender sender;

    SimWebhooks(SimulatorConfig config, SimBusinesses businesses, SimSamples samples, SimClock clock,
            WebhookSender sender) {
        this.config = config;
        this.businesses = businesses;
        this.samples = samples;
        this.clock = clock;
        this.sender = sender;
    }

    /** The service's base URL: the configured one, or this server at the port the request came in on. */
    public String target(HttpServerRequest request) {
        return config.webhookUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> {
                    String host = request.localAddress().hostAddress();
                    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + request.localAddress().port();
                });
    }

    public Uni<SentWebhook> lead(Optional<String> businessId, String target) {
        Sample sample = samples.lead(business(businessId), clock.now());
        businesses.addLead(sample.lead());
        return sender.send("lead", HttpMethod.POST, target, "/v1/lead", sample.payload());
    }

    /** Delivers a lead the simulator created through /v1/test/create-lead. */
    public Uni<SentWebhook> createdLead(Sample created, String target) {
        return sender.send("lead", HttpMethod.POST, target, "/v1/lead", samples.createdLeadWebhook(created));
    }

    /** A customer message on the lead (default: the last lead delivered); an unknown lead ID is sent as is. */
    public Uni<SentWebhook> message(Optional<String> leadId, Optional<String> text, String target) {
        Lead lead = lead(leadId);
        return sender.send("message", HttpMethod.POST, target, "/v1/message", samples.message(lead, text, clock.now()));
    }

    public Uni<SentWebhook> leadUpdate(Optional<String> leadId, String target) {
        Lead lead = lead(leadId);
        return sender.send("lead-update", HttpMethod.PUT, target, "/v1/lead/update", samples.leadUpdate(lead.leadId()));
    }

    /** A review of the business (or of the given lead's business), verified when there is a lead to tie it to. */
    public Uni<SentWebhook> review(Optional<String> businessId, Optional<String> leadId, String target) {
        Optional<Lead> lead = leadId.flatMap(businesses::lead);
        Business business = lead.map(l -> businesses.withId(l.businessId(), l.businessName()))
                .orElseGet(() -> business(businessId));
        if (lead.isEmpty() && leadId.isEmpty()) {
            lead = businesses.lastLeadOf(business.businessId());
        }
        return sender.send("review", HttpMethod.POST, target, "/v1/review", samples.review(business, lead, clock.now()));
    }

    private Business business(Optional<String> businessId) {
        return businessId.map(id -> businesses.withId(id, SimSamples.PAINTING_BUSINESS))
                .or(businesses::lastConnected)
                .orElseGet(() -> businesses.named(SimSamples.PAINTING_BUSINESS));
    }

    private Lead lead(Optional<String> leadId) {
        if (leadId.isPresent()) {
            return businesses.lead(leadId.get()).orElseGet(() -> samples.unknownLead(leadId.get(), clock.now()));
        }
        return businesses.lastLead().orElseGet(() -> samples.unknownLead(SimIds.newId(), clock.now()));
    }
}
