package io.ttgateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.UUID;

/**
 * Thumbtack's usual answers, built from the reference's samples (fixtures) with the values a test
 * chooses. Each stub matches only its own code, token or business, so tests do not see each other's.
 */
public final class ThumbtackStubs {

    public static final String TOKENS_PATH = "/v2/tokens/access";
    public static final String INFO_PATH = "/v2/get-thumbtack-info";
    public static final String DISCONNECT_PATH = "/v2/disconnect-partner";

    private ThumbtackStubs() {}

    /** A token-like value no other test uses. */
    public static String token(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static String tokenJson(String accessToken, String refreshToken, long expiresIn) {
        ObjectNode body = Fixtures.json("token-response.json");
        body.put("access_token", accessToken);
        body.put("refresh_token", refreshToken);
        body.put("expires_in", expiresIn);
        return body.toString();
    }

    public static String infoJson(String businessPk, String businessName, String... scopes) {
        ObjectNode body = Fixtures.json("thumbtack-info-response.json");
        body.put("business_pk", businessPk);
        body.put("business_name", businessName);
        ArrayNode scope = body.putArray("scope");
        for (String s : scopes) {
            scope.add(s);
        }
        return body.toString();
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static MappingBuilder codeExchange(String code) {
        return post(urlPathEqualTo(TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("authorization_code"))
                .withQueryParam("code", equalTo(code));
    }

    public static MappingBuilder refreshWith(String refreshToken) {
        return post(urlPathEqualTo(TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token"))
                .withQueryParam("refresh_token", equalTo(refreshToken));
    }

    /** For verify(): refresh requests that carried this refresh token. */
    public static RequestPatternBuilder refreshRequestWith(String refreshToken) {
        return postRequestedFor(urlPathEqualTo(TOKENS_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token"))
                .withQueryParam("refresh_token", equalTo(refreshToken));
    }

    public static MappingBuilder infoFor(String accessToken) {
        return get(urlPathEqualTo(INFO_PATH)).withHeader("Authorization", equalTo("Bearer " + accessToken));
    }

    public static MappingBuilder disconnectOf(String businessPk) {
        return post(urlPathEqualTo(DISCONNECT_PATH)).withQueryParam("business_pk", equalTo(businessPk));
    }

    /** Stubs the code exchange and the info call of one successful connection. */
    public static void connectable(String code, String businessPk, String businessName, String accessToken,
            String refreshToken, String... scopes) {
        ThumbtackWireMock.server().stubFor(codeExchange(code)
                .willReturn(json(200, tokenJson(accessToken, refreshToken, 3600))));
        ThumbtackWireMock.server().stubFor(infoFor(accessToken)
                .willReturn(json(200, infoJson(businessPk, businessName, scopes.length == 0
                        ? new String[] {"messages"} : scopes))));
    }
}
