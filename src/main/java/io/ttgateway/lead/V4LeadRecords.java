package io.ttgateway.lead;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttgateway.connection.ApiVersion;
import io.ttgateway.event.NewEvent;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.V4NegotiationData;
import io.ttgateway.webhook.payload.V4Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a v4 NegotiationCreatedV4 delivery into the rows a lead is (the same rows as a legacy lead:
 * one lead table whatever API brought it) and the data of its lead.received event, in the legacy
 * lead's shape where v4 has the field (so a feed reader handles both), with apiVersion "v4" and status.
 */
final class V4LeadRecords {

    private V4LeadRecords() {
    }

    /**
     * businessId is the webhook's (a delivery naming another business never gets here). The lead is
     * read next by the change watch at a random moment within one poll interval, so leads that arrive
     * together are not all read again together.
     */
    static NewLead from(Parsed<?> delivery, V4NegotiationData p, String businessId, Instant now, Duration poll) {
        Optional<V4NegotiationData.Request> r = Optional.ofNullable(p.request());
        Optional<V4NegotiationData.Location> at = r.map(V4NegotiationData.Request::location);
        Optional<V4NegotiationData.Customer> c = Optional.ofNullable(p.customer());
        Lead lead = new Lead();
        lead.leadId = p.negotiationID();
        lead.apiVersion = ApiVersion.V4;
        lead.createdAt = p.createdAt() != null ? V4Times.parse(p.createdAt(), "data.createdAt")
                : V4Times.parse(p.createTime(), "data.createTime");
        lead.requestId = r.map(V4NegotiationData.Request::requestID).orElse(null);
        lead.category = r.map(V4NegotiationData.Request::category).map(V4NegotiationData.Category::name).orElse(null);
        lead.categoryId = r.map(V4NegotiationData.Request::category).map(V4NegotiationData.Category::categoryID)
                .orElse(null);
        // v4 has no title; the legacy lead's title was its category's name
        lead.title = lead.category;
        lead.description = r.map(V4NegotiationData.Request::description).orElse(null);
        lead.travelPreferences = r.map(V4NegotiationData.Request::travelPreferences).map(V4LeadRecords::joined)
                .orElse(null);
        lead.address1 = at.map(V4NegotiationData.Location::address1).orElse(null);
        lead.address2 = at.map(V4NegotiationData.Location::address2).orElse(null);
        lead.city = at.map(V4NegotiationData.Location::city).orElse(null);
        lead.state = at.map(V4NegotiationData.Location::state).orElse(null);
        lead.zipCode = at.map(V4NegotiationData.Location::zipCode).orElse(null);
        lead.customerId = c.map(V4NegotiationData.Customer::customerID).orElse(null);
        lead.customerName = c.map(V4LeadRecords::name).orElse(null);
        lead.customerPhone = c.map(V4NegotiationData.Customer::phone).orElse(null);
        lead.businessId = businessId;
        lead.businessName = Optional.ofNullable(p.business()).map(V4NegotiationData.Business::name).orElse(null);
        // the pro's estimate ("$150.00") is what the legacy lead called its price
        lead.price = Optional.ofNullable(p.estimate()).map(V4NegotiationData.Estimate::total).orElse(null);
        lead.leadPrice = p.leadPrice();
        lead.chargeState = p.chargeState();
        lead.status = p.status();
        lead.payload = delivery.rawJson();
        lead.rawText = delivery.rawText();
        lead.receivedAt = now;
        lead.updatedAt = now;
        long spread = poll.toMillis() <= 0 ? 0 : ThreadLocalRandom.current().nextLong(poll.toMillis());
        lead.nextPollAt = now.plusMillis(spread);

        List<LeadView.Detail> details = new ArrayList<>();
        for (V4NegotiationData.Detail detail : r.map(V4NegotiationData.Request::details).orElse(List.of())) {
            details.add(new LeadView.Detail(detail.question(), detail.answer()));
        }
        LeadParts.delivered(details, r.map(V4NegotiationData.Request::attachments).orElse(null)).storeIn(lead);
        return new NewLead(lead, eventData(lead));
    }

    /** The lead as its lead.received event shows it, from the stored columns. */
    private static String eventData(Lead lead) {
        return NewEvent.leadReceived(new NewEvent.V4Lead(lead.leadId, lead.createdAt, lead.requestId, lead.category,
                lead.categoryId, lead.title, lead.description, lead.address1, lead.address2, lead.city, lead.state,
                lead.zipCode, lead.travelPreferences,
                lead.details, lead.attachments,
                lead.customerId, lead.customerName, lead.customerPhone, lead.businessId, lead.businessName, lead.price,
                lead.leadPrice, lead.chargeState, lead.status, ApiVersion.V4.wireName())).data();
    }

    private static String name(V4NegotiationData.Customer customer) {
        String full = String.join(" ", nonBlank(customer.firstName(), customer.lastName())).strip();
        return full.isEmpty() ? customer.displayName() : full;
    }

    private static List<String> nonBlank(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part.strip());
            }
        }
        return kept;
    }

    /** ["CustomerTravelToProvider", "Remote"] as "CustomerTravelToProvider, Remote"; a text as it is. */
    private static String joined(JsonNode preferences) {
        if (preferences.isArray()) {
            StringJoiner all = new StringJoiner(", ");
            preferences.forEach(p -> all.add(p.asText()));
            return all.toString();
        }
        return preferences.isNull() ? null : preferences.asText();
    }
}
