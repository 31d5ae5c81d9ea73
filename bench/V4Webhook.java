import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Prints the SQL insert of a registered v4 webhook row, sealed as the service seals it (AES-256-GCM
 * with TOKEN_ENCRYPTION_KEY, a random 12-byte nonce, associated data "v4_webhook:{business}:{part}",
 * key id = the first 8 hex digits of the key's SHA-256, username looked up by its SHA-256), so that
 * the benchmark can deliver v4 webhooks without a Thumbtack to register them with.
 *   java bench/V4Webhook.java BASE64_KEY SCHEMA BUSINESS_ID USERNAME PASSWORD
 */
public class V4Webhook {

    public static void main(String[] args) throws Exception {
        byte[] key = Base64.getDecoder().decode(args[0].strip());
        String schema = args[1];
        String business = args[2];
        String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        byte[][] user = seal(key, args[3], "v4_webhook:" + business + ":username");
        byte[][] pass = seal(key, args[4], "v4_webhook:" + business + ":password");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(args[3].getBytes(StandardCharsets.UTF_8));
        System.out.printf("insert into %s.v4_webhook (business_id, webhook_id, webhook_url, username_hash,"
                + " username_ciphertext, username_nonce, username_key_id, password_ciphertext, password_nonce,"
                + " password_key_id, state) values ('%s', 'bench', 'https://bench.invalid/v4/webhooks', %s, %s, %s,"
                + " '%s', %s, %s, '%s', 'REGISTERED');%n", schema, business, hex(hash), hex(user[0]), hex(user[1]),
                keyId, hex(pass[0]), hex(pass[1]), keyId);
    }

    private static byte[][] seal(byte[] key, String text, String context) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return new byte[][] {cipher.doFinal(text.getBytes(StandardCharsets.UTF_8)), nonce};
    }

    private static String hex(byte[] bytes) {
        return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
    }
}
