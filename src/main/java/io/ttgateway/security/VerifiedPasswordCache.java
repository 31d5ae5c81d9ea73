package io.ttgateway.security;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Basic auth in front of the embedded Elytron realm: a user whose password the realm verified once is
 * recognised again on the event loop, without the realm. Elytron's provider checks every request on a
 * worker thread (two thread hops per webhook: ~5 % of the service's CPU and most of its context
 * switches under load, bench/results). Anything not verified before (an unknown user, a wrong or
 * changed password) still goes to the realm, which decides.
 *
 * <p>Only a keyed hash of a verified password is kept (HMAC-SHA256 with a key made at start-up), one
 * entry per realm user, compared in constant time.
 */
@ApplicationScoped
public class VerifiedPasswordCache implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private record Verified(byte[] passwordHash, SecurityIdentity identity) {
    }

    private final ElytronPasswordIdentityProvider realm;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    VerifiedPasswordCache(ElytronPasswordIdentityProvider realm) {
        this.realm = realm;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Asked before the realm's own provider (the one with the next lower priority). */
    @Override
    public int priority() {
        return realm.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String user = request.getUsername();
        byte[] hash = hash(request.getPassword().getPassword());
        Verified known = verified.get(user);
        if (known != null && MessageDigest.isEqual(known.passwordHash(), hash)) {
            return Uni.createFrom().item(known.identity());
        }
        return realm.authenticate(request, context).invoke(identity -> {
            if (identity != null && !identity.isAnonymous()) {
                verified.put(user, new Verified(hash, identity));
            }
        });
    }

    /** Whether a password of this user was verified (for tests and diagnostics; never the hash itself). */
    public boolean knows(String user) {
        return verified.containsKey(user);
    }

    private byte[] hash(char[] password) {
        return macs.get().doFinal(new String(password).getBytes(StandardCharsets.UTF_8));
    }

    /** One keyed Mac per thread (the event loops): no provider lookup and key set-up per request. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
