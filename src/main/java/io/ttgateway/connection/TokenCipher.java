package io.ttgateway.connection;

import io.quarkus.runtime.Startup;
import io.ttgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts tokens at rest: AES-256-GCM with TOKEN_ENCRYPTION_KEY, a fresh random 12-byte nonce per
 * value, and the value's context (business and token kind) as associated data, so a ciphertext copied
 * to another row or column does not decrypt. Each value records the id of its key (the first 8 hex
 * digits of the key's SHA-256), so values sealed with an earlier key still open while that key is
 * listed in gateway.previous-token-encryption-keys. Checked at start-up: a missing key or one that is
 * not base64 of exactly 32 bytes stops the service with a line naming TOKEN_ENCRYPTION_KEY.
 */
@Startup
@ApplicationScoped
public class TokenCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    @Inject
    TokenCipher(GatewayConfig config) {
        this(config.tokenEncryptionKey(), config.previousTokenEncryptionKeys().orElse(List.of()));
    }

    TokenCipher(Optional<String> currentKey, List<String> previousKeys) {
        String current = currentKey.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "Missing required setting(s): TOKEN_ENCRYPTION_KEY (base64 of 32 random bytes)"));
        SecretKey key = parse("TOKEN_ENCRYPTION_KEY", current);
        currentKeyId = keyId(key);
        keys.put(currentKeyId, key);
        for (String previous : previousKeys) {
            if (!previous.isBlank()) {
                SecretKey old = parse("GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS", previous);
                keys.putIfAbsent(keyId(old), old);
            }
        }
    }

    public SealedValue seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(ciphertext, nonce, currentKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed: " + e.getClass().getSimpleName());
        }
    }

    public String open(SealedValue sealed, String context) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("no key with id " + sealed.keyId() + " to decrypt a stored token; list the"
                    + " earlier TOKEN_ENCRYPTION_KEY in GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored token does not decrypt with key " + sealed.keyId()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    static SecretKey parse(String setting, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64; it must be base64 of 32 random bytes"
                    + " (e.g. openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be base64 of exactly 32 bytes, got " + bytes.length
                    + " bytes (e.g. openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
