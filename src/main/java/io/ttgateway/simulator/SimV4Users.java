package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Thumbtack users (pros' accounts) of the simulated v4 API and the businesses each owns: a v4 token
 * belongs to a user, who grants some of his businesses (reference v4: OAuth, Businesses and users). The
 * consent page signs in as the user created last; the first one is made on demand with
 * {@code gateway.simulator.v4-businesses-per-user} businesses.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimV4Users {

    static final List<String> FIRST_NAMES = List.of("Ana", "Ben", "Carla", "Dev", "Erin", "Femi");
    static final List<String> TRADES = List.of("Plumbing", "Drain Cleaning", "Water Heaters", "Handyman Services",
            "House Cleaning");
    static final int MAX_BUSINESSES = 20;

    public record V4Business(String businessId, String name, String imageUrl, String userId) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("businessID", businessId);
            view.put("name", name);
            view.put("imageURL", imageUrl);
            return view;
        }
    }

    public record User(String userId, String email, String firstName, String lastName, List<V4Business> businesses) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("userID", userId);
            view.put("email", email);
            view.put("firstName", firstName);
            view.put("lastName", lastName);
            return view;
        }

        boolean owns(String businessId) {
            return businesses.stream().anyMatch(b -> b.businessId().equals(businessId));
        }
    }

    private final SimulatorConfig config;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, V4Business> businesses = new LinkedHashMap<>();
    private User current;

    SimV4Users(SimulatorConfig config) {
        this.config = config;
    }

    /** A new user owning {@code count} new businesses; the consent page signs in as this user from now on. */
    public synchronized User create(int count) {
        if (count < 1 || count > MAX_BUSINESSES) {
            throw SimError.badRequest("invalid_request", "businesses must be 1 to " + MAX_BUSINESSES);
        }
        String first = FIRST_NAMES.get(users.size() % FIRST_NAMES.size());
        String userId = SimIds.newId();
        List<V4Business> owned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String businessId = SimIds.newId();
            String trade = i < TRADES.size() ? TRADES.get(i) : "Services " + (i + 1);
            V4Business business = new V4Business(businessId, first + "'s " + trade,
                    "https://production-next-images-cdn.thumbtack.com/i/" + businessId + "/desktop/standard/profile.jpg",
                    userId);
            owned.add(business);
            businesses.put(businessId, business);
        }
        User user = new User(userId, first.toLowerCase(Locale.ROOT) + "." + userId.substring(12) + "@example.com",
                first, "Rivera", List.copyOf(owned));
        users.put(userId, user);
        current = user;
        return user;
    }

    /** The user the consent page is signed in as. */
    public synchronized User current() {
        return current != null ? current : create(Math.max(1, Math.min(MAX_BUSINESSES, config.v4BusinessesPerUser())));
    }

    public synchronized Optional<User> find(String userId) {
        return Optional.ofNullable(userId).map(users::get);
    }

    public synchronized Optional<V4Business> business(String businessId) {
        return Optional.ofNullable(businessId).map(businesses::get);
    }

    public synchronized List<User> all() {
        return List.copyOf(users.values());
    }

    synchronized void reset() {
        users.clear();
        businesses.clear();
        current = null;
    }
}
