package io.ttgateway.security;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * HTTP Basic for the service's two users (thumbtack on /v1/*, partner on /api/v1/*), in constant time.
 * Every attempt, right or wrong password, known or unknown user, costs the same: the SHA-256 of the
 * presented password compared with {@link MessageDigest#isEqual} to the digest of the configured one
 * (a random digest nobody knows the password of for an unknown user). The answer is final: a wrong
 * password fails here and never reaches the embedded Elytron realm, whose plain-text check is not
 * constant time. The realm keeps the users' configuration (quarkus.security.users.embedded.*) and
 * Quarkus' own validation of it. Runs on the event loop: no worker thread hop per request.
 */
@ApplicationScoped
public class ConstantTimePasswords implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The users of the embedded realm (application.properties). */
    static final List<String> USERS = List.of("thumbtack", "partner");
    private static final String PASSWORD_KEY = "quarkus.security.users.embedded.users.";
    private static final String ROLES_KEY = "quarkus.security.users.embedded.roles.";

    private record User(byte[] passwordDigest, SecurityIdentity identity) {}

    private final Map<String, User> users = new HashMap<>();
    /** Compared against for an unknown user, so that it takes as long as a known one. */
    private final byte[] nobody = new byte[32];
    private final int priority;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(ConstantTimePasswords::newDigest);

    @Inject
    ConstantTimePasswords(Config config, ElytronPasswordIdentityProvider realm) {
        this(key -> config.getOptionalValue(key, String.class), realm.priority() + 1);
    }

    ConstantTimePasswords(Function<String, Optional<String>> settings, int priority) {
        this.priority = priority;
        new SecureRandom().nextBytes(nobody);
        for (String user : USERS) {
            Optional<String> password = settings.apply(PASSWORD_KEY + user).filter(p -> !p.isEmpty());
            if (password.isEmpty()) {
                continue; // no password configured: nobody logs in as this user (prod refuses to start)
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(user));
            settings.apply(ROLES_KEY + user).ifPresent(roles -> Arrays.stream(roles.split(","))
                    .map(String::strip).filter(role -> !role.isEmpty()).forEach(identity::addRole));
            users.put(user, new User(digest(password.get().toCharArray()), identity.build()));
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Asked before the realm's own provider; as it always answers, the realm is never asked. */
    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        User user = users.get(request.getUsername());
        byte[] presented = digest(request.getPassword().getPassword());
        boolean equal = MessageDigest.isEqual(user == null ? nobody : user.passwordDigest(), presented);
        if (user != null && equal) {
            return Uni.createFrom().item(user.identity());
        }
        return Uni.createFrom().failure(new AuthenticationFailedException());
    }

    /** Whether this user has a configured password (for tests and diagnostics; never the digest). */
    public boolean knows(String user) {
        return users.containsKey(user);
    }

    private byte[] digest(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        MessageDigest digest = sha256.get();
        digest.update(bytes);
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
