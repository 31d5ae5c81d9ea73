package io.ttgateway.business;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class BusinessCallsTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    private static String serviceTargeting(String serviceId) {
        return "/v3/accounts/~/services/" + serviceId + "/preferences/targeting";
    }

    @Test
    void setsServiceTargetingWithTheBearerToken() {
        TestConnections.Connected pro = TestConnections.connect();
        String serviceId = Fixtures.newId();
        thumbtackApi.stubFor(patch(urlPathEqualTo(serviceTargeting(serviceId)))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));

        partner().body("{\"enabled\": true}")
                .patch("/api/v1/businesses/" + pro.businessPk() + "/services/" + serviceId + "/targeting")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("success"));

        thumbtackApi.verify(1, patchRequestedFor(urlPathEqualTo(serviceTargeting(serviceId)))
                .withHeader("Authorization", equalTo("Bearer " + pro.accessToken()))
                .withRequestBody(equalToJson("{\"enabled\": true}")));
    }

    @Test
    void setsCategoryTargeting() {
        TestConnections.Connected pro = TestConnections.connect();
        String serviceId = Fixtures.newId();
        String categoryId = Fixtures.newId();
        String path = "/v3/accounts/~/services/" + serviceId + "/categories/" + categoryId + "/preferences/targeting";
        thumbtackApi.stubFor(patch(urlPathEqualTo(path)).willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));

        partner().body("{\"enabled\": false}")
                .patch("/api/v1/businesses/" + pro.businessPk() + "/services/" + serviceId + "/categories/"
                        + categoryId + "/targeting")
                .then().statusCode(200);

        thumbtackApi.verify(1, patchRequestedFor(urlPathEqualTo(path)).withRequestBody(equalToJson("{\"enabled\": false}")));
    }

    @Test
    void mapsThumbtacksErrors() {
        TestConnections.Connected pro = TestConnections.connect();
        String bad = Fixtures.newId();
        String unauthorized = Fixtures.newId();
        String missing = Fixtures.newId();
        thumbtackApi.stubFor(patch(urlPathEqualTo(serviceTargeting(bad)))
                .willReturn(ThumbtackStubs.json(400, "{\"error\": \"Invalid ServiceID type\"}")));
        thumbtackApi.stubFor(patch(urlPathEqualTo(serviceTargeting(unauthorized)))
                .willReturn(ThumbtackStubs.json(401, "{\"error\": \"Invalid ServiceID\"}")));
        thumbtackApi.stubFor(patch(urlPathEqualTo(serviceTargeting(missing)))
                .willReturn(ThumbtackStubs.json(404, "{\"error\": \"Missing ServiceID\"}")));
        String base = "/api/v1/businesses/" + pro.businessPk() + "/services/";

        partner().body("{\"enabled\": true}").patch(base + bad + "/targeting").then().statusCode(400)
                .body("error", containsString("Invalid ServiceID type"));
        partner().body("{\"enabled\": true}").patch(base + unauthorized + "/targeting").then().statusCode(502)
                .body("error", containsString("Invalid ServiceID"));
        partner().body("{\"enabled\": true}").patch(base + missing + "/targeting").then().statusCode(404)
                .body("error", containsString("Missing ServiceID"));
        partner().body("{}").patch(base + missing + "/targeting").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("enabled"));
    }

    @Test
    void aBusinessWithoutConnectionGets409() {
        partner().body("{\"enabled\": true}")
                .patch("/api/v1/businesses/" + Fixtures.newId() + "/services/" + Fixtures.newId() + "/targeting")
                .then().statusCode(409);
        partner().get("/api/v1/businesses/" + Fixtures.newId() + "/thumbtack-info").then().statusCode(409);
    }

    @Test
    void readsThumbtackInfoLive() {
        TestConnections.Connected pro = TestConnections.connect();
        partner().get("/api/v1/businesses/" + pro.businessPk() + "/thumbtack-info").then().statusCode(200)
                .body("business_pk", org.hamcrest.Matchers.equalTo(pro.businessPk()))
                .body("business_name", org.hamcrest.Matchers.equalTo(pro.businessName()));
    }

    @Test
    void createsATestLeadWithTheV1Credentials() {
        thumbtackApi.stubFor(post(urlPathEqualTo("/v1/test/create-lead"))
                .willReturn(ThumbtackStubs.json(200, Fixtures.text("create-lead-response.json"))));
        String basic = "Basic " + Base64.getEncoder().encodeToString("test-v1-user:test-v1-password"
                .getBytes(StandardCharsets.UTF_8));

        partner().body("{\"businessId\": \"380497492389642246\"}").post("/api/v1/test/create-lead")
                .then().statusCode(200)
                .body("leadID", org.hamcrest.Matchers.equalTo("380497493950742534"))
                .body("business.businessID", org.hamcrest.Matchers.equalTo("380497492389642246"));

        thumbtackApi.verify(postRequestedFor(urlPathEqualTo("/v1/test/create-lead"))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(equalToJson("{\"businessID\": \"380497492389642246\"}")));
    }
}
