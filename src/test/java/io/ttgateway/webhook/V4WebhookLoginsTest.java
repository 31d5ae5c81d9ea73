package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.ttgateway.config.ThumbtackV4Config;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decisions V4WebhookLogins takes before any lookup: it answers only for /v4/webhooks, and while
 * v4 is off it refuses every attempt there (no database, no cipher: both are null here and would fail
 * if touched).
 */
class V4WebhookLoginsTest {

    @Test
    void whileV4IsOffEveryAttemptOnTheWebhookPathFails() {
        V4WebhookLogins logins = new V4WebhookLogins(null, null, v4(Optional.empty()), 1);

        assertThatThrownBy(() -> logins.authenticate(request("/v4/webhooks"), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void otherPathsAreLeftToTheServicesOwnUsers() {
        V4WebhookLogins logins = new V4WebhookLogins(null, null, v4(Optional.of("id")), 1);

        assertThat(logins.authenticate(request("/v1/lead"), null).await().indefinitely()).isNull();
        assertThat(logins.authenticate(request("/v4/webhooks/x"), null).await().indefinitely()).isNull();
    }

    private static UsernamePasswordAuthenticationRequest request(String path) {
        UsernamePasswordAuthenticationRequest request = new UsernamePasswordAuthenticationRequest("user",
                new PasswordCredential("password".toCharArray()));
        RoutingContext http = (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class},
                (proxy, method, args) -> "normalizedPath".equals(method.getName()) ? path : null);
        HttpSecurityUtils.setRoutingContextAttribute(request, http);
        return request;
    }

    private static ThumbtackV4Config v4(Optional<String> client) {
        return new ThumbtackV4Config() {
            @Override
            public Optional<String> clientId() {
                return client;
            }

            @Override
            public Optional<String> clientSecret() {
                return client;
            }

            @Override
            public Optional<String> redirectUri() {
                return Optional.empty();
            }

            @Override
            public String authUrl() {
                return "";
            }

            @Override
            public String apiUrl() {
                return "";
            }

            @Override
            public String scopes() {
                return "";
            }
        };
    }
}
