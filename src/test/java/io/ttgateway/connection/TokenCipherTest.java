package io.ttgateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AES-256-GCM at rest: nonces, associated data, key ids, rotation and the start-up checks of the key. */
class TokenCipherTest {

    private static final String CONTEXT = "connection:388006067351150595:access_token";

    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertextsThatBothOpen() {
        TokenCipher cipher = new TokenCipher(Optional.of(newKey()), List.of());

        SealedValue first = cipher.seal("the-token", CONTEXT);
        SealedValue second = cipher.seal("the-token", CONTEXT);

        assertThat(first.nonce()).hasSize(12);
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(new String(first.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("the-token");
        assertThat(first.keyId()).matches("[0-9a-f]{8}").isEqualTo(cipher.currentKeyId());
        assertThat(cipher.open(first, CONTEXT)).isEqualTo("the-token");
        assertThat(cipher.open(second, CONTEXT)).isEqualTo("the-token");
        assertThat(first.toString()).doesNotContain("the-token");
    }

    @Test
    void aValueDoesNotOpenInAnotherContextOrWhenTampered() {
        TokenCipher cipher = new TokenCipher(Optional.of(newKey()), List.of());
        SealedValue sealed = cipher.seal("the-token", CONTEXT);

        assertThatThrownBy(() -> cipher.open(sealed, "connection:388006067351150595:refresh_token"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("the-token");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(new SealedValue(tampered, sealed.nonce(), sealed.keyId()), CONTEXT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationOldValuesOpenWhileTheOldKeyIsListed() {
        String oldKey = newKey();
        String newKey = newKey();
        SealedValue old = new TokenCipher(Optional.of(oldKey), List.of()).seal("old-token", CONTEXT);

        TokenCipher rotated = new TokenCipher(Optional.of(newKey), List.of(oldKey));
        assertThat(rotated.open(old, CONTEXT)).isEqualTo("old-token");
        assertThat(rotated.seal("new-token", CONTEXT).keyId()).isEqualTo(rotated.currentKeyId())
                .isNotEqualTo(old.keyId());

        TokenCipher forgotten = new TokenCipher(Optional.of(newKey), List.of());
        assertThatThrownBy(() -> forgotten.open(old, CONTEXT))
                .hasMessageContaining(old.keyId()).hasMessageContaining("GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS");
    }

    @Test
    void aMissingOrMalformedKeyStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> new TokenCipher(Optional.empty(), List.of()))
                .hasMessageContaining("TOKEN_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new TokenCipher(Optional.of("  "), List.of()))
                .hasMessageContaining("TOKEN_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new TokenCipher(Optional.of("not base64!"), List.of()))
                .hasMessageContaining("TOKEN_ENCRYPTION_KEY is not valid base64");
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new TokenCipher(Optional.of(sixteen), List.of()))
                .hasMessageContaining("exactly 32 bytes, got 16").hasMessageNotContaining(sixteen);
        assertThatThrownBy(() -> new TokenCipher(Optional.of(newKey()), List.of(sixteen)))
                .hasMessageContaining("GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS");
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
