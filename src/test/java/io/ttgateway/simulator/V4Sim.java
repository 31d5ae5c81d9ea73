package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Calls the simulated Thumbtack v4 the way the service (and a pro's browser) would, in tests. */
final class V4Sim {

    /** The v4 client of the tests (the service's thumbtack.v4 client, which the simulator accepts). */
    static final String CLIENT_ID = io.ttgateway.support.ThumbtackWireMock.V4_CLIENT_ID;
    static final String CLIENT_SECRET = io.ttgateway.support.ThumbtackWireMock.V4_CLIENT_SECRET;
    static final String AUTH = "/simulator/v4-auth/oauth2";
    static final String API = "/simulator/v4-api/api/v4";
    static final String REDIRECT = "http://localhost:8080/oauth/v4/callback";
    static final String ALL_SCOPES = "offline_access supply::businesses.list supply::webhooks.read supply::webhooks.write"
            + " supply::negotiations.read supply::negotiations.write supply::messages.read supply::messages.write";
    static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";

    /** A token answer and the user and businesses it was granted for. */
    record Grant(String userId, List<String> businessIds, String accessToken, String refreshToken) {}

    private V4Sim() {}

    /** A new simulated user with {@code businesses} businesses; the consent page signs in as this user. */
    static JsonPath newUser(int businesses) {
        return given().queryParam("businesses", businesses).post("/simulator/control/v4/users")
                .then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> authorizeParams(String scope, String audience) {
        return Map.of("client_id", CLIENT_ID, "redirect_uri", REDIRECT, "response_type", "code", "scope", scope,
                "state", "state-0123456789", "audience", audience, "code_challenge", challenge(VERIFIER),
                "code_challenge_method", "S256");
    }

    /** The pro allows the request for the given businesses of the user: the 302 answer. */
    static Response allow(String userId, List<String> businessIds, String scope, String audience) {
        RequestSpecification form = Sim.noRedirects().contentType(ContentType.URLENC).formParams(authorizeParams(scope, audience))
                .formParam("user_id", userId).formParam("decision", "allow");
        businessIds.forEach(id -> form.formParam("business_id", id));
        return form.post(AUTH + "/auth");
    }

    static String code(String userId, List<String> businessIds, String scope, String audience) {
        Response redirect = allow(userId, businessIds, scope, audience);
        redirect.then().statusCode(302);
        return Sim.query(redirect.header("Location")).get("code");
    }

    static RequestSpecification client() {
        return given().auth().preemptive().basic(CLIENT_ID, CLIENT_SECRET).contentType(ContentType.URLENC);
    }

    static Response exchange(String code, String verifier) {
        RequestSpecification form = client().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", REDIRECT);
        if (verifier != null) {
            form.formParam("code_verifier", verifier);
        }
        return form.post(AUTH + "/token");
    }

    static Response refresh(String refreshToken) {
        return client().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post(AUTH + "/token");
    }

    /** A new user with {@code businesses} businesses who granted them all, with every scope. */
    static Grant connect(int businesses) {
        JsonPath user = newUser(businesses);
        List<String> ids = user.getList("businesses.businessId");
        Response tokens = exchange(code(user.getString("userId"), ids, ALL_SCOPES, "urn:partner-api"), VERIFIER);
        tokens.then().statusCode(200);
        return new Grant(user.getString("userId"), ids, tokens.path("access_token"), tokens.path("refresh_token"));
    }

    static RequestSpecification bearer(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON);
    }

    /** Registers a webhook of the business at {@code url} with Basic credentials: its webhookID. */
    static String webhook(Grant grant, String businessId, String url, List<String> eventTypes, String user,
            String password) {
        return bearer(grant.accessToken())
                .body(Map.of("webhookURL", url, "eventTypes", eventTypes, "enabled", true,
                        "auth", Map.of("username", user, "password", password)))
                .post(API + "/businesses/" + businessId + "/webhooks").then().statusCode(201).extract().path("webhookID");
    }

    /** The field names of an answer (as a map) or of a fixture, to compare shapes. */
    static Set<String> keys(Map<String, ?> map) {
        return new TreeSet<>(map.keySet());
    }

    static Set<String> keys(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
