package io.ttgateway.connection;

import io.ttgateway.thumbtackv4.V4WebhookAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The Basic credentials of a registered webhook: a username and a password of 192 random bits each
 * (24 bytes, base64url), new for every webhook and every replacement. How they are stored, for the
 * code that authenticates deliveries: {@code username_hash} = {@link #usernameHash}; the username and
 * password sealed with TokenCipher under {@link #usernameContext} / {@link #passwordContext}.
 */
public final class WebhookCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 24;

    private WebhookCredentials() {}

    static V4WebhookAuth generate() {
        return new V4WebhookAuth(random(), random());
    }

    /** SHA-256 of the username's UTF-8 bytes: the key a delivery's row is found by. */
    public static byte[] usernameHash(String username) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The associated data a row's sealed username is bound to: its business and the column. */
    public static String usernameContext(String businessId) {
        return "v4_webhook:" + businessId + ":username";
    }

    /** The associated data a row's sealed password is bound to (TokenCipher.open(row password, this)). */
    public static String passwordContext(String businessId) {
        return "v4_webhook:" + businessId + ":password";
    }

    private static String random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
