package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The businesses (pros) and leads the simulated Thumbtack knows. A business is created the first time
 * a name is confirmed on the partner-connect page or an unknown ID is used; its categories are the
 * reference's sample categories plus those of its leads (targeting answers 404 for any other).
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimBusinesses {

    /** Names offered on the partner-connect page. */
    static final List<String> SAMPLE_NAMES = List.of("Tim's Painting Business", "Mr. Clean's Sparkly Cleaning Service",
            "cleaner business");
    /** "Interior Painting" of the sample lead, the category of the targeting sample, and house cleaning. */
    static final List<String> SAMPLE_CATEGORIES = List.of("122681972262289742", "109125193401647362", "151436204227846419");

    private static final int MAX_LEADS = 10_000;

    public record Business(String businessId, String name) {}

    public record Lead(String leadId, String requestId, String businessId, String businessName, String customerId,
            String customerName, String category, String categoryId, Instant createdAt) {}

    private final Map<String, Business> byId = new LinkedHashMap<>();
    private final Map<String, Lead> leads = new LinkedHashMap<>();
    private String lastConnected;
    private String lastLead;

    public synchronized Business named(String name) {
        return byId.values().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseGet(() -> register(SimIds.newId(), name));
    }

    /** The business with this ID, registered under {@code nameIfNew} when the simulator has not seen it. */
    public synchronized Business withId(String businessId, String nameIfNew) {
        return byId.computeIfAbsent(businessId, id -> new Business(id, nameIfNew));
    }

    public synchronized Optional<Business> find(String businessId) {
        return Optional.ofNullable(byId.get(businessId));
    }

    public synchronized List<Business> all() {
        return List.copyOf(byId.values());
    }

    public synchronized void connected(String businessId) {
        lastConnected = businessId;
    }

    public synchronized Optional<Business> lastConnected() {
        return Optional.ofNullable(lastConnected).map(byId::get);
    }

    public synchronized void addLead(Lead lead) {
        byId.putIfAbsent(lead.businessId(), new Business(lead.businessId(), lead.businessName()));
        leads.put(lead.leadId(), lead);
        lastLead = lead.leadId();
        if (leads.size() > MAX_LEADS) {
            leads.remove(leads.keySet().iterator().next());
        }
    }

    public synchronized Optional<Lead> lead(String leadId) {
        return Optional.ofNullable(leads.get(leadId));
    }

    public synchronized Optional<Lead> lastLead() {
        return Optional.ofNullable(lastLead).map(leads::get);
    }

    public synchronized Optional<Lead> lastLeadOf(String businessId) {
        List<Lead> all = new ArrayList<>(leads.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).businessId().equals(businessId)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    public synchronized Set<String> categoriesOf(String businessId) {
        Set<String> categories = new LinkedHashSet<>(SAMPLE_CATEGORIES);
        leads.values().stream().filter(l -> l.businessId().equals(businessId)).forEach(l -> categories.add(l.categoryId()));
        return categories;
    }

    synchronized void reset() {
        byId.clear();
        leads.clear();
        lastConnected = null;
        lastLead = null;
    }

    private Business register(String businessId, String name) {
        Business business = new Business(businessId, name);
        byId.put(businessId, business);
        return business;
    }
}
