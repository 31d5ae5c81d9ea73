package io.ttgateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.ttgateway.support.Api;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerifiedPasswordCacheTest {

    @Inject
    VerifiedPasswordCache cache;

    @Inject
    ElytronPasswordIdentityProvider realm;

    /** Counts how often the realm is asked (Elytron's provider runs its check through runBlocking). */
    static final class CountingContext implements AuthenticationRequestContext {
        final AtomicInteger realmChecks = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            realmChecks.incrementAndGet();
            return Uni.createFrom().item(function);
        }
    }

    @Test
    void aVerifiedPasswordIsRecognisedWithoutAskingTheRealmAgain() {
        CountingContext context = new CountingContext();
        VerifiedPasswordCache fresh = new VerifiedPasswordCache(realm);

        SecurityIdentity first = authenticate(fresh, "partner", Api.PARTNER_PASSWORD, context);
        SecurityIdentity second = authenticate(fresh, "partner", Api.PARTNER_PASSWORD, context);

        assertThat(first.getPrincipal().getName()).isEqualTo("partner");
        assertThat(second.getRoles()).containsExactly("partner");
        assertThat(context.realmChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordAfterAVerifiedOneIsStillCheckedByTheRealmAndRefused() {
        CountingContext context = new CountingContext();
        VerifiedPasswordCache fresh = new VerifiedPasswordCache(realm);
        authenticate(fresh, "thumbtack", Api.WEBHOOK_PASSWORD, context);

        Uni<SecurityIdentity> wrong = fresh.authenticate(request("thumbtack", Api.WEBHOOK_PASSWORD + "x"), context);

        assertThat(wrong.map(identity -> identity != null && !identity.isAnonymous()).onFailure()
                .recoverWithItem(failure -> {
                    assertThat(failure).isInstanceOf(AuthenticationFailedException.class);
                    return false;
                }).await().indefinitely()).isFalse();
        assertThat(context.realmChecks).hasValue(2);
    }

    @Test
    void overHttpAWrongPasswordIsRefusedAfterTheRightOneWasAccepted() {
        Api.partner().get("/api/v1/events").then().statusCode(200);
        given().auth().preemptive().basic("partner", "not-the-password").get("/api/v1/events").then().statusCode(401);
        given().auth().preemptive().basic("thumbtack", Api.PARTNER_PASSWORD).get("/api/v1/events").then()
                .statusCode(401);
        Api.partner().get("/api/v1/events").then().statusCode(200);
        assertThat(cache.knows("partner")).as("the HTTP layer authenticated through the cache").isTrue();
    }

    private static SecurityIdentity authenticate(VerifiedPasswordCache cache, String user, String password,
            AuthenticationRequestContext context) {
        return cache.authenticate(request(user, password), context).await().indefinitely();
    }

    private static UsernamePasswordAuthenticationRequest request(String user, String password) {
        return new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
    }
}
