package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import java.security.SecureRandom;
import java.util.Base64;

/** Fresh identifiers in Thumbtack's formats. */
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
final class SimIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LOWEST_18_DIGITS = 100_000_000_000_000_000L;

    private SimIds() {}

    /** An 18-digit ID such as Thumbtack's lead, business and customer IDs. */
    static String newId() {
        return String.valueOf(LOWEST_18_DIGITS + (RANDOM.nextLong() & Long.MAX_VALUE) % (9 * LOWEST_18_DIGITS));
    }

    /** 16 random bytes, base64url without padding (22 characters), like auth codes and refresh tokens. */
    static String newSecret() {
        return encode(bytes(16));
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
