package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth {@code state}: 256 random bits (base64url), stored as its SHA-256 so it works across
 * replicas, valid 10 minutes, usable once.
 */
@ApplicationScoped
public class OAuthStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final OAuthStateRepository repository;

    OAuthStates(OAuthStateRepository repository) {
        this.repository = repository;
    }

    /** A new state for these scopes; answers the state value to put in the connect URL. */
    @WithTransaction
    public Uni<String> issue(List<String> scopes) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OAuthState row = new OAuthState();
        row.stateHash = hash(state);
        row.scopes = String.join(",", scopes);
        row.createdAt = Instant.now();
        row.expiresAt = row.createdAt.plus(LIFETIME);
        return repository.persist(row).replaceWith(state);
    }

    /** Uses the state up; its scopes if it was known, unexpired and unused, else empty. */
    @WithTransaction
    public Uni<Optional<List<String>>> consume(String state) {
        return repository.consume(hash(state))
                .map(scopes -> Optional.ofNullable(scopes).map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split(","))));
    }

    @WithTransaction
    public Uni<Long> deleteExpiredBefore(Instant cutoff) {
        return repository.deleteExpiredBefore(cutoff);
    }

    static String hash(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
