package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.ThumbtackStubs.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thumbtack v4 as WireMock plays it for the connection tests: token endpoint, businesses, webhooks. */
final class V4Stubs {

    static final String TOKEN_PATH = "/oauth2/token";
    static final String WEBHOOK_URL = ThumbtackWireMock.PUBLIC_URL + "/v4/webhooks";

    private V4Stubs() {}

    record Business(String id, String name) {}

    static Business business(String name) {
        return new Business(Fixtures.newId(), name);
    }

    static String tokens(String access, String refresh, long expiresIn) {
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
                + ",\"refresh_token\":\"" + refresh + "\",\"scope\":\"offline_access supply::businesses.list\"}";
    }

    static MappingBuilder codeExchange(String code) {
        return post(urlPathEqualTo(TOKEN_PATH)).withFormParam("grant_type", equalTo("authorization_code"))
                .withFormParam("code", equalTo(code));
    }

    static MappingBuilder refreshWith(String refreshToken) {
        return post(urlPathEqualTo(TOKEN_PATH)).withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refreshToken));
    }

    static RequestPatternBuilder refreshRequests() {
        return postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withFormParam("grant_type", equalTo("refresh_token"));
    }

    static RequestPatternBuilder refreshRequestsWith(String refreshToken) {
        return refreshRequests().withFormParam("refresh_token", equalTo(refreshToken));
    }

    static void businesses(String access, Business... businesses) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (Business business : businesses) {
            data.addObject().put("businessID", business.id()).put("name", business.name());
        }
        body.putObject("pagination").put("limit", 20);
        ThumbtackWireMock.server().stubFor(get(urlPathEqualTo("/api/v4/businesses"))
                .withHeader("Authorization", equalTo("Bearer " + access)).willReturn(json(200, body.toString())));
    }

    /**
     * The user's businesses over pages of {@code limit}, as Thumbtack documents the list ({"limit"} only,
     * no "next"): the first page for the request without paging parameters, each further one for its
     * {@code offset}.
     */
    static void businessPages(String access, int limit, Business... businesses) {
        for (int offset = 0; offset < businesses.length; offset += limit) {
            ObjectNode body = Fixtures.JSON.createObjectNode();
            ArrayNode data = body.putArray("data");
            for (int i = offset; i < Math.min(offset + limit, businesses.length); i++) {
                data.addObject().put("businessID", businesses[i].id()).put("name", businesses[i].name());
            }
            body.putObject("pagination").put("limit", limit);
            MappingBuilder page = get(urlPathEqualTo("/api/v4/businesses"))
                    .withHeader("Authorization", equalTo("Bearer " + access));
            page = offset == 0 ? page.withQueryParam("offset", absent())
                    : page.withQueryParam("offset", equalTo(String.valueOf(offset)))
                            .withQueryParam("limit", equalTo(String.valueOf(limit)));
            ThumbtackWireMock.server().stubFor(page.willReturn(json(200, body.toString())));
        }
    }

    static String webhooksPath(String businessId) {
        return "/api/v4/businesses/" + businessId + "/webhooks";
    }

    /** The business's webhooks at Thumbtack: these (webhookID, webhookURL) pairs. */
    static void listedWebhooks(String businessId, String... idUrlPairs) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < idUrlPairs.length; i += 2) {
            data.addObject().put("webhookID", idUrlPairs[i]).put("webhookURL", idUrlPairs[i + 1])
                    .put("enabled", true).put("authType", "Basic").put("businessID", businessId);
        }
        ThumbtackWireMock.server().stubFor(get(urlPathEqualTo(webhooksPath(businessId)))
                .willReturn(json(200, body.toString())));
    }

    static void creatable(String businessId, String webhookId) {
        ThumbtackWireMock.server().stubFor(post(urlPathEqualTo(webhooksPath(businessId))).willReturn(json(201,
                "{\"webhookID\":\"" + webhookId + "\",\"webhookURL\":\"" + WEBHOOK_URL
                        + "\",\"enabled\":true,\"authType\":\"Basic\",\"businessID\":\"" + businessId + "\"}")));
    }

    static void authUpdatable(String businessId, String webhookId) {
        ThumbtackWireMock.server().stubFor(put(urlPathEqualTo(webhooksPath(businessId) + "/" + webhookId + "/auth"))
                .willReturn(json(200, "{}")));
    }

    static void deletable(String businessId, String webhookId) {
        ThumbtackWireMock.server().stubFor(delete(urlPathEqualTo(webhooksPath(businessId) + "/" + webhookId))
                .willReturn(json(204, "")));
    }

    /** Everything a first connect of these businesses needs: exchange, listing, empty webhook lists, creates. */
    static void connectable(String code, String access, String refresh, Business... businesses) {
        ThumbtackWireMock.server().stubFor(codeExchange(code).willReturn(json(200, tokens(access, refresh, 3600))));
        businesses(access, businesses);
        for (Business business : businesses) {
            listedWebhooks(business.id());
            creatable(business.id(), "wh-" + business.id());
        }
    }

    /**
     * After a test: no grant or webhook registration of it is due, so the refresh job's and the retry
     * job's tests (which count what one run does) find nothing of ours to do.
     */
    static void leaveNothingDue(Db db) {
        db.rows("update oauth_grant set next_refresh_attempt_at = now() + interval '1 day' where status = 'ACTIVE'");
        db.rows("update v4_webhook set next_attempt_at = now() + interval '1 day' where state in ('PENDING', 'FAILED')");
    }

    static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    static String connectState() {
        return query(given().redirects().follow(false).get("/oauth/v4/connect").header("Location")).get("state");
    }

    static Response callback(String code, String state) {
        return given().queryParam("code", code).queryParam("state", state).get("/oauth/v4/callback");
    }

    /** A full connect through the browser flow; the page. */
    static String connect(String code, String access, String refresh, Business... businesses) {
        connectable(code, access, refresh, businesses);
        return callback(code, connectState()).then().statusCode(200).extract().asString();
    }

    static List<String> ids(Business... businesses) {
        return java.util.Arrays.stream(businesses).map(Business::id).toList();
    }

    static String token(String prefix) {
        return ThumbtackStubs.token(prefix);
    }
}
