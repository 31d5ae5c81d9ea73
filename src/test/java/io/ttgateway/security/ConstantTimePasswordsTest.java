package io.ttgateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.ttgateway.support.Api;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Basic passwords are compared in constant time by the service itself: the identity provider the HTTP
 * layer asks first answers every attempt, right or wrong, and never hands one to the Elytron realm
 * (whose plain-text check is Arrays.equals).
 */
@QuarkusTest
class ConstantTimePasswordsTest {

    @Inject
    @Any
    Instance<IdentityProvider<?>> providers;

    /** Counts the realm's checks: Elytron's provider runs each one through runBlocking. */
    static final class CountingContext implements AuthenticationRequestContext {
        final AtomicInteger realmChecks = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            realmChecks.incrementAndGet();
            return Uni.createFrom().item(function);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "thumbtack | not-the-password",
            "thumbtack | test-webhook-passwore",
            "thumbtack | test-partner-password",
            "partner   | test-webhook-password",
            "partner   | 'test-partner-password '",
            "partner   | ''",
            "mallory   | test-webhook-password",
            "''        | test-partner-password"})
    void aWrongPasswordOrUserIsRefusedWithoutReachingTheRealm(String user, String password) {
        CountingContext context = new CountingContext();

        assertThatThrownBy(() -> authenticate(request(user, password), context).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(context.realmChecks).as("checks the Elytron realm made").hasValue(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "thumbtack | test-webhook-password | thumbtack",
            "partner   | test-partner-password | partner"})
    void theRightPasswordIsAcceptedWithItsRoleWithoutReachingTheRealm(String user, String password, String role) {
        CountingContext context = new CountingContext();

        SecurityIdentity identity = authenticate(request(user, password), context).await().indefinitely();

        assertThat(identity.getPrincipal().getName()).isEqualTo(user);
        assertThat(identity.getRoles()).containsExactly(role);
        assertThat(context.realmChecks).as("checks the Elytron realm made").hasValue(0);
    }

    @Test
    void overHttpAWrongPasswordIs401WithTheBasicChallengeAndTheRightOneStillWorks() {
        Api.partner().get("/api/v1/events").then().statusCode(200);
        for (String[] wrong : new String[][] {{"partner", "not-the-password"}, {"thumbtack", Api.PARTNER_PASSWORD},
                {"nobody", Api.PARTNER_PASSWORD}}) {
            Response answer = given().auth().preemptive().basic(wrong[0], wrong[1]).get("/api/v1/events");
            assertThat(answer.statusCode()).as(wrong[0]).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as(wrong[0]).startsWith("Basic");
        }
        Api.partner().get("/api/v1/events").then().statusCode(200);
        Api.thumbtack().get("/api/v1/events").then().statusCode(403);
    }

    /**
     * What Quarkus' identity provider manager does with a username/password: the providers in order of
     * priority, the first one that answers (an identity or a failure; null means "not mine") decides.
     */
    @SuppressWarnings("unchecked")
    private Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        List<IdentityProvider<UsernamePasswordAuthenticationRequest>> ordered = providers.stream()
                .filter(p -> p.getRequestType() == UsernamePasswordAuthenticationRequest.class)
                .map(p -> (IdentityProvider<UsernamePasswordAuthenticationRequest>) p)
                .sorted(Comparator.comparingInt(IdentityProvider<UsernamePasswordAuthenticationRequest>::priority).reversed())
                .toList();
        assertThat(ordered).isNotEmpty();
        return next(ordered, 0, request, context);
    }

    private static Uni<SecurityIdentity> next(List<IdentityProvider<UsernamePasswordAuthenticationRequest>> ordered,
            int index, UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (index == ordered.size()) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return ordered.get(index).authenticate(request, context).onItem().transformToUni(identity -> identity != null
                ? Uni.createFrom().item(identity) : next(ordered, index + 1, request, context));
    }

    private static UsernamePasswordAuthenticationRequest request(String user, String password) {
        return new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
    }
}
