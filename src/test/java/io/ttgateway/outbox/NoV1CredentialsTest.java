package io.ttgateway.outbox;

import static io.ttgateway.support.Api.partner;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.ThumbtackWireMock;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NoV1CredentialsTest.WithoutV1.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class NoV1CredentialsTest {

    public static class WithoutV1 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thumbtack.v1-username", "", "thumbtack.v1-password", "");
        }
    }

    @Test
    void aBusinessThatIsNotConnectedGets409() {
        partner().body("{\"text\":\"hello\"}")
                .post("/api/v1/businesses/" + Fixtures.newId() + "/leads/" + Fixtures.newId() + "/messages")
                .then().statusCode(409).body("error", containsString("not connected"));
    }

    @Test
    void createLeadWithoutV1CredentialsGets409NamingThem() {
        partner().body("{}").post("/api/v1/test/create-lead")
                .then().statusCode(409).body("error", containsString("THUMBTACK_V1_USERNAME"));
    }
}
