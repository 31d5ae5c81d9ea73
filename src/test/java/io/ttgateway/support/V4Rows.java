package io.ttgateway.support;

import io.ttgateway.connection.SealedValue;
import io.ttgateway.connection.TokenCipher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * v4 rows written straight into the database, for tests of what reads them (outbox, lead watch, lead
 * view): a connected v4 business with its grant (tokens sealed with TokenCipher as the service seals
 * them), and v4 leads and pro messages as webhook intake stores them.
 */
@ApplicationScoped
public class V4Rows {

    /**
     * The associated data a grant's sealed token is bound to. It must be what the connection package
     * opens a grant's token with; tests that send through a v4 connection depend on it.
     */
    public static String grantContext(long grantId, String kind) {
        return io.ttgateway.connection.OAuthGrant.context(grantId, kind);
    }

    /** A v4 business as a test knows it, with the plaintext tokens of its grant. */
    public record V4Business(String businessId, long grantId, String accessToken, String refreshToken) {}

    private final Pool pool;
    private final TokenCipher cipher;

    V4Rows(Pool pool, TokenCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /** A CONNECTED v4 business whose ACTIVE grant's access token is valid for an hour. */
    public V4Business connect() {
        String businessId = Fixtures.newId();
        String access = ThumbtackStubs.token("v4-access");
        String refresh = ThumbtackStubs.token("v4-refresh");
        long grantId = pool.query("insert into oauth_grant (scopes, status) values ('x', 'REVOKED') returning id")
                .execute().await().indefinitely().iterator().next().getLong(0);
        SealedValue a = cipher.seal(access, grantContext(grantId, "access_token"));
        SealedValue r = cipher.seal(refresh, grantContext(grantId, "refresh_token"));
        pool.preparedQuery("""
                update oauth_grant set scopes = 'offline_access supply::messages.write', status = 'ACTIVE',
                       access_token_ciphertext = $2, access_token_nonce = $3, access_token_key_id = $4,
                       refresh_token_ciphertext = $5, refresh_token_nonce = $6, refresh_token_key_id = $7,
                       access_token_expires_at = now() + interval '1 hour',
                       refresh_token_expires_at = now() + interval '180 days'
                 where id = $1""")
                .execute(Tuple.from(new Object[] {grantId, io.vertx.core.buffer.Buffer.buffer(a.ciphertext()),
                        io.vertx.core.buffer.Buffer.buffer(a.nonce()), a.keyId(),
                        io.vertx.core.buffer.Buffer.buffer(r.ciphertext()),
                        io.vertx.core.buffer.Buffer.buffer(r.nonce()), r.keyId()}))
                .await().indefinitely();
        pool.preparedQuery("""
                insert into connection (business_pk, business_name, scopes, status, api_version, grant_id,
                                        connected_at, updated_at)
                values ($1, 'v4 business', 'offline_access,supply::messages.write', 'CONNECTED', 'v4', $2, now(), now())""")
                .execute(Tuple.of(businessId, grantId)).await().indefinitely();
        return new V4Business(businessId, grantId, access, refresh);
    }

    /** A v4 lead as intake stores it (created at Thumbtack at {@code createdAt}, read next at {@code nextPollAt}). */
    public String lead(String businessId, Instant createdAt, Instant nextPollAt, String leadPrice, String chargeState,
            String status) {
        String leadId = Fixtures.newId();
        pool.preparedQuery("""
                insert into lead (lead_id, created_at, request_id, category, title, customer_id, business_id,
                                  lead_price, charge_state, payload, api_version, status, next_poll_at)
                values ($1, $2, $3, 'House Cleaning', 'House Cleaning', 'c-1', $4, $5, $6,
                        '{"event": {"eventType": "NegotiationCreatedV4"}}', 'v4', $7, $8)""")
                .execute(Tuple.from(new Object[] {leadId, at(createdAt), leadId, businessId, leadPrice, chargeState,
                        status, at(nextPollAt)}))
                .await().indefinitely();
        return leadId;
    }

    /** A pro's own message ('out') of a v4 lead, as intake stores it. */
    public void proMessage(String messageId, String leadId, String businessId, String text, boolean echoPending) {
        pool.preparedQuery("""
                insert into message (message_id, lead_id, customer_id, business_id, text, created_at, raw,
                                     direction, echo_pending)
                values ($1, $2, null, $3, $4, now(), $5::jsonb, 'out', $6)""")
                .execute(Tuple.from(new Object[] {messageId, leadId, businessId, text,
                        "{\"data\": {\"messageID\": \"" + messageId + "\", \"from\": \"Business\"}}", echoPending}))
                .await().indefinitely();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
