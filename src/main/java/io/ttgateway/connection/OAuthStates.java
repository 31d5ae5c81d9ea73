package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth {@code state}: signed, so /oauth/connect (anonymous) stores nothing. A state is
 * base64url(version, 128-bit random nonce, expiry, scopes, HMAC-SHA256 of all that) with a key derived
 * from TOKEN_ENCRYPTION_KEY (every replica has it; a state issued by one verifies on any other). It is
 * valid 10 minutes. The callback checks signature and expiry without the database, and only then uses
 * the state up: it inserts the nonce's SHA-256 into oauth_state, whose unique key lets exactly one of
 * two callbacks with the same state (on any replicas) through. Those rows go a day after they expire.
 *
 * <p>States of the previous version (random values whose hash /oauth/connect stored) are still
 * accepted by their stored row, for the 10 minutes after an upgrade in which such states are in flight.
 */
@ApplicationScoped
public class OAuthStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Separates this key from any other use of TOKEN_ENCRYPTION_KEY. */
    private static final byte[] KEY_LABEL = "thumbtack-gateway oauth-state v1".getBytes(StandardCharsets.UTF_8);
    /** The key of PKCE verifiers, separate from the state's signing key. */
    private static final byte[] PKCE_KEY_LABEL = "thumbtack-gateway oauth-pkce v1".getBytes(StandardCharsets.UTF_8);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final int FIXED_BYTES = 1 + NONCE_BYTES + Long.BYTES;
    /** Longer than any state this service issues (scopes are at most a few hundred characters). */
    private static final int MAX_STATE_CHARS = 1024;

    /** What a state that verified carries. */
    record Verified(byte[] nonce, Instant expiresAt, List<String> scopes) {}

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final SecretKeySpec pkceKey;
    private final OAuthStateRepository repository;

    @Inject
    OAuthStates(OAuthStateRepository repository, GatewayConfig config) {
        this(repository, config.tokenEncryptionKey().filter(k -> !k.isBlank()).orElseThrow(
                () -> new IllegalStateException("Missing required setting(s): TOKEN_ENCRYPTION_KEY")));
    }

    OAuthStates(OAuthStateRepository repository, String tokenEncryptionKey) {
        this.repository = repository;
        this.key = new SecretKeySpec(deriveKey(tokenEncryptionKey, KEY_LABEL), "HmacSHA256");
        this.pkceKey = new SecretKeySpec(deriveKey(tokenEncryptionKey, PKCE_KEY_LABEL), "HmacSHA256");
    }

    /** A new state for these scopes, valid {@link #LIFETIME}; nothing is stored. */
    public String issue(List<String> scopes) {
        return issue(scopes, Instant.now());
    }

    /** As {@link #issue(List)}, as if issued at {@code issuedAt} (tests make expired states with it). */
    String issue(List<String> scopes, Instant issuedAt) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] scopeBytes = String.join(",", scopes).getBytes(StandardCharsets.UTF_8);
        ByteBuffer signed = ByteBuffer.allocate(FIXED_BYTES + scopeBytes.length + MAC_BYTES);
        signed.put(VERSION).put(nonce).putLong(issuedAt.plus(LIFETIME).getEpochSecond()).put(scopeBytes);
        signed.put(mac(signed.array(), signed.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed.array());
    }

    /** Signature and expiry, without the database: the state's content, or empty when it is not valid now. */
    Optional<Verified> verify(String state, Instant now) {
        if (state == null || state.length() > MAX_STATE_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(state);
        } catch (IllegalArgumentException notBase64url) {
            return Optional.empty();
        }
        if (bytes.length < FIXED_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        int signedLength = bytes.length - MAC_BYTES;
        byte[] mac = Arrays.copyOfRange(bytes, signedLength, bytes.length);
        if (!MessageDigest.isEqual(mac(bytes, signedLength), mac)) {
            return Optional.empty();
        }
        ByteBuffer content = ByteBuffer.wrap(bytes, 0, signedLength);
        content.get();
        byte[] nonce = new byte[NONCE_BYTES];
        content.get(nonce);
        Instant expiresAt = Instant.ofEpochSecond(content.getLong());
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        String scopes = new String(bytes, FIXED_BYTES, signedLength - FIXED_BYTES, StandardCharsets.UTF_8);
        return Optional.of(new Verified(nonce, expiresAt, scopes.isEmpty() ? List.of() : List.of(scopes.split(","))));
    }

    /**
     * Uses the state up: its scopes if it is valid (signature, expiry) and used for the first time by any
     * replica, else empty. Nothing is written for a state that does not verify.
     */
    @WithTransaction
    public Uni<Optional<List<String>>> consume(String state) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<Verified> verified = verify(state, Instant.now());
        if (verified.isEmpty()) {
            return consumeStored(state);
        }
        return useOnce(verified.get()).map(first -> first.map(Verified::scopes));
    }

    /**
     * As {@link #consume}, for the v4 flow: signed states only (no state of the previous version was
     * ever issued for it), answered with the PKCE verifier the connect redirect derived its challenge
     * from. Empty when the state is not valid or was used before.
     */
    @WithTransaction
    public Uni<Optional<PkceState>> consumeWithVerifier(String state) {
        Optional<Verified> verified = state == null ? Optional.empty() : verify(state, Instant.now());
        if (verified.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return useOnce(verified.get()).map(first -> first.map(valid ->
                new PkceState(valid.scopes(), verifier(valid.nonce()))));
    }

    /** A consumed v4 state: its scopes and its PKCE code verifier; toString() hides the verifier. */
    public record PkceState(List<String> scopes, String codeVerifier) {
        @Override
        public String toString() {
            return "PkceState[scopes=" + scopes + "]";
        }
    }

    /**
     * The PKCE code verifier (RFC 7636) of a state this service issued: base64url(HMAC-SHA256 of the
     * state's nonce) with a key of its own derived from TOKEN_ENCRYPTION_KEY, 43 characters. Nothing is
     * stored and nothing comes back from the browser: the callback derives it again from the signed,
     * single-use state, and only this service can. Empty when the state does not verify.
     */
    Optional<String> verifierOf(String state) {
        return verify(state, Instant.now()).map(valid -> verifier(valid.nonce()));
    }

    private String verifier(byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pkceKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private Uni<Optional<Verified>> useOnce(Verified valid) {
        return repository.useOnce(nonceHash(valid.nonce()), String.join(",", valid.scopes()), valid.expiresAt())
                .map(first -> first ? Optional.of(valid) : Optional.empty());
    }

    /** A state of the previous version: its stored row, unexpired and unused, used up in one statement. */
    private Uni<Optional<List<String>>> consumeStored(String state) {
        if (!state.matches("[A-Za-z0-9_-]{43}")) {
            return Uni.createFrom().item(Optional.empty());
        }
        return repository.consume(hash(state))
                .map(scopes -> Optional.ofNullable(scopes).map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split(","))));
    }

    @WithTransaction
    public Uni<Long> deleteExpiredBefore(Instant cutoff) {
        return repository.deleteExpiredBefore(cutoff);
    }

    /** The key of the single-use record of a signed state: the SHA-256 of its nonce, hex. */
    static String nonceHash(byte[] nonce) {
        return sha256Hex(nonce);
    }

    /** The stored key of a state of the previous version: the SHA-256 of the state, hex. */
    static String hash(String state) {
        return sha256Hex(state.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** HMAC-SHA256(TOKEN_ENCRYPTION_KEY, label): one HKDF expand step, a key for one use only. */
    private static byte[] deriveKey(String tokenEncryptionKey, byte[] label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenEncryptionKey.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
