package io.ttgateway.connection;

import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;

import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;

/** Connections with access tokens of a chosen lifetime, and time travel for the refresh bookkeeping. */
final class RefreshFixtures {

    private RefreshFixtures() {}

    /** Connects a new business through the manual flow; its first access token lives {@code expiresIn} s. */
    static Connected connectWithLifetime(long expiresIn) {
        String businessPk = Fixtures.newId();
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        String refresh = ThumbtackStubs.token("refresh");
        ThumbtackWireMock.server().stubFor(ThumbtackStubs.codeExchange(code)
                .willReturn(json(200, ThumbtackStubs.tokenJson(access, refresh, expiresIn))));
        ThumbtackWireMock.server().stubFor(ThumbtackStubs.infoFor(access)
                .willReturn(json(200, ThumbtackStubs.infoJson(businessPk, "Short " + businessPk, "messages"))));
        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(201);
        return new Connected(businessPk, "Short " + businessPk, access, refresh);
    }

    /**
     * As if the connection's current access token (of {@code lifetime} seconds) had been issued
     * {@code seconds} ago by the database's clock: its expiry and its refresh hold-back, if any, move
     * together (the database's clock is not ours to move).
     */
    static void issuedSecondsAgo(Db db, Connected c, long lifetime, int seconds) {
        db.rows("update connection set next_refresh_attempt_at = next_refresh_attempt_at"
                + " - (access_token_expires_at - (now() + ($2::int - $3::int) * interval '1 second')),"
                + " access_token_expires_at = now() + ($2::int - $3::int) * interval '1 second'"
                + " where business_pk = $1", c.businessPk(), (int) lifetime, seconds);
    }
}
