package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A business with no OAuth connection is served through Thumbtack's /v1 path with the v1 credentials. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V1FallbackTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Test
    void sendsThroughV1WithBasicCredentialsWhenNotConnected() {
        String businessId = Fixtures.newId();
        String leadId = Fixtures.newId();
        String v1Path = "/v1/business/" + businessId + "/lead/" + leadId + "/message";
        thumbtackApi.stubFor(post(urlPathEqualTo(v1Path)).willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));

        String id = partner().body("{\"text\":\"via v1\"}")
                .post("/api/v1/businesses/" + businessId + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(
                partner().get("/api/v1/outbound-messages/" + id).then().extract().path("status")));
        String basic = "Basic " + Base64.getEncoder().encodeToString("test-v1-user:test-v1-password"
                .getBytes(StandardCharsets.UTF_8));
        thumbtackApi.verify(1, postRequestedFor(urlPathEqualTo(v1Path))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(equalToJson("{\"text\": \"via v1\"}")));
    }
}
