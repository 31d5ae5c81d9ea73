package io.ttgateway.connection;

import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the connection table holds: ciphertext, nonce and key id, never the tokens. */
@QuarkusTest
class TokensAtRestTest extends ThumbtackTestBase {

    @Inject
    Db db;

    @Inject
    TokenCipher cipher;

    @Test
    void theTableHoldsNoTokenTextAndTheSameTokenNeverGivesTheSameCiphertext() {
        String businessPk = Fixtures.newId();
        String access = ThumbtackStubs.token("access");
        String refresh = ThumbtackStubs.token("refresh");

        connect(businessPk, access, refresh);
        Row first = sealedColumns(businessPk);
        connect(businessPk, access, refresh);
        Row second = sealedColumns(businessPk);

        String wholeRow = db.one("select row_to_json(c)::text from connection c where business_pk = $1", businessPk)
                .getString(0);
        String rawBytes = db.one("select encode(access_token_ciphertext, 'escape') || encode(refresh_token_ciphertext,"
                + " 'escape') from connection where business_pk = $1", businessPk).getString(0);
        for (String token : new String[] {access, refresh}) {
            assertThat(wholeRow).doesNotContain(token)
                    .doesNotContain(Base64.getEncoder().encodeToString(token.getBytes()));
            assertThat(rawBytes).doesNotContain(token);
        }
        assertThat(first.getBuffer("access_token_nonce").length()).isEqualTo(12);
        assertThat(first.getBuffer("access_token_ciphertext").getBytes())
                .isNotEqualTo(second.getBuffer("access_token_ciphertext").getBytes());
        assertThat(first.getBuffer("access_token_nonce").getBytes())
                .isNotEqualTo(second.getBuffer("access_token_nonce").getBytes());
        assertThat(first.getBuffer("refresh_token_ciphertext").getBytes())
                .isNotEqualTo(second.getBuffer("refresh_token_ciphertext").getBytes());
        assertThat(second.getString("access_token_key_id")).isEqualTo(cipher.currentKeyId());
        assertThat(second.getString("refresh_token_key_id")).isEqualTo(cipher.currentKeyId());

        SealedValue stored = new SealedValue(second.getBuffer("access_token_ciphertext").getBytes(),
                second.getBuffer("access_token_nonce").getBytes(), second.getString("access_token_key_id"));
        assertThat(cipher.open(stored, Connection.context(businessPk, "access_token"))).isEqualTo(access);
        assertThat(db.count("select count(*) from event where business_id = $1 and data::text like $2",
                businessPk, "%" + access + "%")).isZero();
    }

    private void connect(String businessPk, String access, String refresh) {
        String code = ThumbtackStubs.token("code");
        ThumbtackStubs.connectable(code, businessPk, "At Rest", access, refresh);
        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(201);
    }

    private Row sealedColumns(String businessPk) {
        return db.one("select access_token_ciphertext, access_token_nonce, access_token_key_id,"
                + " refresh_token_ciphertext, refresh_token_key_id from connection where business_pk = $1", businessPk);
    }
}
