package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls the simulated Thumbtack the way the service (and a pro's browser) would, in tests. */
final class Sim {

    static final String REDIRECT = "http://localhost:8080/oauth/callback";

    private Sim() {}

    static String setting(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static String clientId() {
        return setting("thumbtack.client-id");
    }

    /** Requests with the partner's OAuth client Basic credentials. */
    static RequestSpecification client() {
        return given().auth().preemptive().basic(clientId(), setting("thumbtack.client-secret"));
    }

    /** Requests with the partner's /v1 Basic credentials. */
    static RequestSpecification v1() {
        return given().auth().preemptive().basic(setting("thumbtack.v1-username"), setting("thumbtack.v1-password"))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification bearer(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON);
    }

    static RequestSpecification noRedirects() {
        return given().config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    /** The pro confirms the connection on the partner-connect page: the 302 answer. */
    static Response confirm(String businessName, String scope, String state, String redirectUri) {
        RequestSpecification form = noRedirects().contentType(ContentType.URLENC)
                .formParam("client_id", clientId()).formParam("response_type", "code")
                .formParam("scope", scope).formParam("new_business", businessName);
        if (state != null) {
            form.formParam("state", state);
        }
        if (redirectUri != null) {
            form.formParam("redirect_uri", redirectUri);
        }
        return form.post("/simulator/partner-connect");
    }

    /** The query parameters of a redirect's Location. */
    static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String code(String businessName, String scope) {
        return query(confirm(businessName, scope, "s", REDIRECT).header("Location")).get("code");
    }

    static Response exchange(String code, String redirectUri) {
        return client().queryParam("grant_type", "authorization_code").queryParam("code", code)
                .queryParam("redirect_uri", redirectUri).queryParam("token_type", "AUTH_CODE")
                .post("/simulator/pro-api/v2/tokens/access");
    }

    static Response refresh(String refreshToken) {
        return client().queryParam("grant_type", "refresh_token").queryParam("refresh_token", refreshToken)
                .queryParam("token_type", "REFRESH").post("/simulator/pro-api/v2/tokens/access");
    }

    /** A freshly connected business: its token answer plus "business_pk" from get-thumbtack-info. */
    static Map<String, String> connect(String businessName, String scope) {
        Response tokens = exchange(code(businessName, scope), REDIRECT);
        tokens.then().statusCode(200);
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("access_token", tokens.path("access_token"));
        connection.put("refresh_token", tokens.path("refresh_token"));
        connection.put("business_pk", bearer(connection.get("access_token"))
                .get("/simulator/pro-api/v2/get-thumbtack-info").then().statusCode(200).extract().path("business_pk"));
        return connection;
    }

    static void advanceClock(long seconds) {
        given().queryParam("seconds", seconds).post("/simulator/control/clock/advance").then().statusCode(200);
    }
}
