package io.ttgateway.connection;

/** An encrypted value as stored: AES-GCM ciphertext (with its tag), its nonce and the key's id. */
public record SealedValue(byte[] ciphertext, byte[] nonce, String keyId) {

    @Override
    public String toString() {
        return "SealedValue[keyId=" + keyId + "]";
    }
}
