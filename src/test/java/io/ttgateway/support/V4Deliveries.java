package io.ttgateway.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.ttgateway.connection.SealedValue;
import io.ttgateway.connection.TokenCipher;
import io.ttgateway.connection.WebhookCredentials;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Thumbtack v4 deliveries in tests: a business's registered webhook (a v4_webhook row written as the
 * registration writes it: username hashed, username and password sealed) and requests with its
 * credentials. The v4 fixtures with fresh IDs.
 */
@ApplicationScoped
public class V4Deliveries {

    /** A registered webhook's Basic credentials. */
    public record Webhook(String businessId, String username, String password) {
        public RequestSpecification post() {
            return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final TokenCipher cipher;

    V4Deliveries(Pool pool, TokenCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /** A fresh business with a REGISTERED webhook. */
    public Webhook register() {
        return register(Fixtures.newId(), "REGISTERED");
    }

    public Webhook register(String businessId, String state) {
        String username = secret();
        String password = secret();
        SealedValue user = cipher.seal(username, WebhookCredentials.usernameContext(businessId));
        SealedValue pass = cipher.seal(password, WebhookCredentials.passwordContext(businessId));
        pool.preparedQuery("""
                insert into v4_webhook (business_id, webhook_id, webhook_url, username_hash, username_ciphertext,
                    username_nonce, username_key_id, password_ciphertext, password_nonce, password_key_id, state)
                values ($1, $2, 'https://gateway.partner.test/v4/webhooks', $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] {businessId, Fixtures.newId(),
                        Buffer.buffer(WebhookCredentials.usernameHash(username)), Buffer.buffer(user.ciphertext()),
                        Buffer.buffer(user.nonce()), user.keyId(), Buffer.buffer(pass.ciphertext()),
                        Buffer.buffer(pass.nonce()), pass.keyId(), state}))
                .await().indefinitely();
        return new Webhook(businessId, username, password);
    }

    public void setState(Webhook webhook, String state) {
        pool.preparedQuery("update v4_webhook set state = $2 where business_id = $1")
                .execute(Tuple.of(webhook.businessId(), state)).await().indefinitely();
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** NegotiationCreatedV4 of the business with a fresh negotiationID. */
    public static ObjectNode negotiation(String businessId, String negotiationId) {
        ObjectNode body = Fixtures.json("v4-negotiation-created.json");
        data(body).put("negotiationID", negotiationId);
        ((ObjectNode) data(body).get("business")).put("businessID", businessId);
        return body;
    }

    /** A customer's MessageCreatedV4 of the lead. */
    public static ObjectNode customerMessage(String negotiationId, String messageId) {
        ObjectNode body = Fixtures.json("v4-message-created-customer.json");
        data(body).put("negotiationID", negotiationId).put("messageID", messageId);
        return body;
    }

    /** The pro's MessageCreatedV4 of the lead (from Business). */
    public static ObjectNode proMessage(String businessId, String negotiationId, String messageId, String text) {
        ObjectNode body = Fixtures.json("v4-message-created-business.json");
        data(body).put("negotiationID", negotiationId).put("messageID", messageId).put("text", text);
        ((ObjectNode) data(body).get("business")).put("businessID", businessId);
        return body;
    }

    public static ObjectNode review(String reviewId) {
        ObjectNode body = Fixtures.json("v4-review-created.json");
        data(body).put("reviewID", reviewId);
        return body;
    }

    public static ObjectNode data(ObjectNode body) {
        return (ObjectNode) body.get("data");
    }
}
