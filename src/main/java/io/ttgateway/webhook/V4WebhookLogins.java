package io.ttgateway.webhook;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.ttgateway.config.ThumbtackV4Config;
import io.ttgateway.connection.SealedValue;
import io.ttgateway.connection.TokenCipher;
import io.ttgateway.connection.WebhookCredentials;
import io.ttgateway.security.ConstantTimePasswords;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * HTTP Basic for {@code POST /v4/webhooks}: the credentials of one of the service's registered v4
 * webhooks (any v4_webhook row not DELETED: a registration whose answer was lost may be live at
 * Thumbtack). username -> SHA-256 -> row -> password unsealed -> compared in constant time (SHA-256 of
 * both, {@link MessageDigest#isEqual}); an unknown username costs a comparison against a random digest.
 * The identity carries the row's business ({@link #BUSINESS}) and the role {@link #ROLE}.
 *
 * <p>Asked before {@link ConstantTimePasswords} and only for that path: there its answer is final (the
 * service's own users do not open /v4/webhooks); for every other path it answers nothing, so a v4
 * webhook's credentials open nothing else. While v4 is off every attempt fails (401).
 *
 * <p>Positive lookups are kept for {@link #TTL} (at most {@link #MAX_CACHED} of them), keyed by the
 * username's hash and holding the password's digest: a deleted or replaced credential stops working
 * within the TTL, and Thumbtack's deliveries do not each cost a query and a decryption.
 */
@ApplicationScoped
public class V4WebhookLogins implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ROLE = "thumbtack-v4";
    /** The identity's attribute naming the business of the webhook that authenticated. */
    public static final String BUSINESS = "v4-business-id";
    static final String PATH = "/v4/webhooks";
    static final Duration TTL = Duration.ofSeconds(5);
    static final int MAX_CACHED = 10_000;

    private static final Logger LOG = Logger.getLogger(V4WebhookLogins.class);
    private static final String FIND = """
            select business_id, password_ciphertext, password_nonce, password_key_id
            from v4_webhook where username_hash = $1 and state <> 'DELETED'""";

    private record Known(String businessId, byte[] passwordDigest, long until) {}

    private final Pool pool;
    private final TokenCipher cipher;
    private final ThumbtackV4Config v4;
    private final int priority;
    private final byte[] nobody = new byte[32];
    private final Map<String, Known> cache = new ConcurrentHashMap<>();

    @Inject
    V4WebhookLogins(Pool pool, TokenCipher cipher, ThumbtackV4Config v4, ConstantTimePasswords users) {
        this(pool, cipher, v4, users.priority() + 1);
    }

    V4WebhookLogins(Pool pool, TokenCipher cipher, ThumbtackV4Config v4, int priority) {
        this.pool = pool;
        this.cipher = cipher;
        this.v4 = v4;
        this.priority = priority;
        new SecureRandom().nextBytes(nobody);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http == null || !PATH.equals(HttpSecurityUtils.pathWithoutMatrixParams(http.normalizedPath()))) {
            return Uni.createFrom().nullItem(); // not a v4 delivery: the service's own users decide
        }
        if (!v4.enabled()) {
            return refused();
        }
        byte[] usernameHash = WebhookCredentials.usernameHash(request.getUsername());
        byte[] presented = sha256(utf8(request.getPassword().getPassword()));
        String key = Base64.getEncoder().encodeToString(usernameHash);
        Known cached = cache.get(key);
        if (cached != null && cached.until() - System.nanoTime() > 0) {
            return check(cached, presented);
        }
        return pool.preparedQuery(FIND).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(usernameHash)))
                .onFailure().invoke(failure -> LOG.warnf("v4 webhook credentials could not be read: %s",
                        failure.getClass().getSimpleName()))
                .chain(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        MessageDigest.isEqual(nobody, presented);
                        return refused();
                    }
                    Known known = known(found.next());
                    if (MessageDigest.isEqual(known.passwordDigest(), presented)) {
                        remember(key, known);
                    }
                    return check(known, presented);
                });
    }

    private Known known(Row row) {
        String businessId = row.getString("business_id");
        String password = cipher.open(new SealedValue(row.getBuffer("password_ciphertext").getBytes(),
                row.getBuffer("password_nonce").getBytes(), row.getString("password_key_id")),
                WebhookCredentials.passwordContext(businessId));
        return new Known(businessId, sha256(password.getBytes(StandardCharsets.UTF_8)),
                System.nanoTime() + TTL.toNanos());
    }

    private void remember(String key, Known known) {
        if (cache.size() >= MAX_CACHED) {
            long now = System.nanoTime();
            cache.values().removeIf(entry -> entry.until() - now <= 0);
            if (cache.size() >= MAX_CACHED) {
                return; // full of live entries: this one is looked up again next time
            }
        }
        cache.put(key, known);
    }

    private static Uni<SecurityIdentity> check(Known known, byte[] presented) {
        if (!MessageDigest.isEqual(known.passwordDigest(), presented)) {
            return refused();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("v4-webhook:" + known.businessId()))
                .addRole(ROLE)
                .addAttribute(BUSINESS, known.businessId())
                .build());
    }

    private static Uni<SecurityIdentity> refused() {
        return Uni.createFrom().failure(new AuthenticationFailedException());
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
