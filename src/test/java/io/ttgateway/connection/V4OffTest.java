package io.ttgateway.connection;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ttgateway.support.ThumbtackWireMock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without the v4 client id and secret, v4 is off: its OAuth paths do not exist. */
@QuarkusTest
@TestProfile(V4OffTest.WithoutV4.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4OffTest {

    public static class WithoutV4 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thumbtack.v4.client-id", "", "thumbtack.v4.client-secret", "");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth/v4/connect", "/oauth/v4/callback?code=c&state=s"})
    void theV4OAuthPathsAnswer404(String path) {
        given().redirects().follow(false).get(path).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth/connect"})
    void theLegacyFlowStillWorks(String path) {
        given().redirects().follow(false).get(path).then().statusCode(302);
    }
}
