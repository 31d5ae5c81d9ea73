package io.ttgateway.support;

import static io.ttgateway.support.Api.partner;

/** Connected businesses made through the real manual flow (POST /api/v1/connections) against WireMock. */
public final class TestConnections {

    /** A connection as a test knows it, with the plaintext tokens WireMock handed out. */
    public record Connected(String businessPk, String businessName, String accessToken, String refreshToken) {}

    private TestConnections() {}

    public static Connected connect() {
        return connect(Fixtures.newId(), "Test Business " + Fixtures.newId().substring(0, 6));
    }

    public static Connected connect(String businessPk, String businessName) {
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        String refresh = ThumbtackStubs.token("refresh");
        ThumbtackStubs.connectable(code, businessPk, businessName, access, refresh);
        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(201);
        return new Connected(businessPk, businessName, access, refresh);
    }
}
