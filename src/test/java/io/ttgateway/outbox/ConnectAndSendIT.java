package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Packaged;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (prod profile) against a stubbed Thumbtack: a pro connects through the
 * manual flow, then a message queued through the partner API reaches Thumbtack.
 */
@QuarkusIntegrationTest
@WithTestResource(ThumbtackWireMock.class)
class ConnectAndSendIT {

    @Test
    void aConnectionIsMadeAndAMessageIsSent() {
        String businessPk = Fixtures.newId();
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        ThumbtackStubs.connectable(code, businessPk, "Packaged Painting", access, ThumbtackStubs.token("refresh"));

        Packaged.partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(201)
                .body(not(containsString(access)));
        Packaged.partner().get("/api/v1/connections/" + businessPk).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CONNECTED"))
                .body("businessName", org.hamcrest.Matchers.equalTo("Packaged Painting"));
        assertThat(Packaged.count("select count(*) from connection where business_pk = ?", businessPk)).isEqualTo(1);

        String leadId = Fixtures.newId();
        String path = "/v2/business/" + businessPk + "/lead/" + leadId + "/message";
        ThumbtackWireMock.server().stubFor(post(urlPathEqualTo(path))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        String id = Packaged.partner().body("{\"text\":\"Hello from the packaged app\"}")
                .post("/api/v1/businesses/" + businessPk + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(
                Packaged.partner().get("/api/v1/outbound-messages/" + id).then().extract().path("status")));
        ThumbtackWireMock.server().verify(1, postRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", equalTo("Bearer " + access))
                .withRequestBody(equalToJson("{\"text\": \"Hello from the packaged app\"}")));
    }
}
