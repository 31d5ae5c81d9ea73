package io.ttgateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How the Basic credentials of a registered v4 webhook are kept in v4_webhook: the username looked up
 * by the SHA-256 of its UTF-8 bytes, username and password sealed with the connections' TokenCipher
 * under the context named here (so a sealed value copied to another row or column does not open).
 * Whoever writes the rows and whoever reads them use these two functions.
 */
public final class V4WebhookCredentials {

    private V4WebhookCredentials() {
    }

    /** The associated data a v4 webhook's username ("username") or password ("password") is sealed with. */
    public static String context(String businessId, String part) {
        return "v4_webhook:" + businessId + ":" + part;
    }

    /** The lookup key of a username: SHA-256 of its UTF-8 bytes. */
    public static byte[] usernameHash(String username) {
        return sha256(username.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
