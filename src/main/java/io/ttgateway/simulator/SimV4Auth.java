package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.ActivityLog.V4TokenRequest;
import io.ttgateway.simulator.SimV4Users.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated v4 authorization server (reference v4: OAuth 2.0): single-use codes living
 * {@code auth-code-ttl} (5 minutes) and bound to the redirect_uri and the PKCE challenge; grants of one
 * user's chosen businesses; access tokens of {@code v4-access-token-ttl} (1 hour); rotating refresh tokens
 * (only with offline_access) whose predecessor keeps working for {@code v4-refresh-grace} (60 seconds)
 * after its first use, every use answered with a new pair, and then answers invalid_grant. All state is
 * in memory and guarded by this object's monitor.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimV4Auth {

    public static final String AUDIENCE = "urn:partner-api";
    public static final String OFFLINE_ACCESS = "offline_access";

    /** An answer of /oauth2/token; {@code refreshToken} is null without offline_access. */
    public record TokenAnswer(String accessToken, long expiresIn, String refreshToken, List<String> scopes) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", accessToken);
            body.put("token_type", "bearer");
            body.put("expires_in", expiresIn);
            if (refreshToken != null) {
                body.put("refresh_token", refreshToken);
            }
            body.put("scope", String.join(" ", scopes));
            return body;
        }
    }

    /** What a valid access token opens: the grant's businesses only. */
    public record Access(String grantId, String userId, List<String> businessIds, List<String> scopes) {

        void requireBusiness(String businessId) {
            if (!businessIds.contains(businessId)) {
                throw SimError.problem(403, "Forbidden", "the token's grant does not include business " + businessId);
            }
        }
    }

    /** A live grant, for the dashboard and /simulator/control/v4/grants (no token values). */
    public record GrantView(String grantId, String userId, List<String> businessIds, List<String> scopes,
            String audience, Instant grantedAt, Instant accessExpiresAt, boolean refreshable) {}

    private record Code(String clientId, String redirectUri, String challenge, Grant grant, Instant expiresAt) {}

    private static final class Grant {
        final String grantId = SimIds.newId();
        final User user;
        final List<String> businessIds;
        final List<String> scopes;
        final String audience;
        final Instant grantedAt;
        Instant accessExpiresAt;
        boolean revoked;

        Grant(User user, List<String> businessIds, List<String> scopes, String audience, Instant grantedAt) {
            this.user = user;
            this.businessIds = List.copyOf(businessIds);
            this.scopes = List.copyOf(scopes);
            this.audience = audience;
            this.grantedAt = grantedAt;
        }
    }

    private record AccessToken(Grant grant, Instant expiresAt) {}

    private static final class RefreshToken {
        final Grant grant;
        final Instant expiresAt;
        Instant usedAt;

        RefreshToken(Grant grant, Instant expiresAt) {
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    private final SimulatorConfig config;
    private final SimClients clients;
    private final SimClock clock;
    private final ActivityLog log;
    private final ObjectMapper json;
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> usedCodes = new HashMap<>();
    private final Map<String, AccessToken> access = new LinkedHashMap<>();
    private final Map<String, RefreshToken> refresh = new HashMap<>();
    private final Map<String, Grant> grants = new LinkedHashMap<>();

    SimV4Auth(SimulatorConfig config, SimClients clients, SimClock clock, ActivityLog log, ObjectMapper json) {
        this.config = config;
        this.clients = clients;
        this.clock = clock;
        this.log = log;
        this.json = json;
    }

    /** The pro allowed the request on the consent page. {@code challenge} is null without PKCE. */
    public synchronized String issueCode(String clientId, String redirectUri, String challenge, User user,
            List<String> businessIds, List<String> scopes, String audience) {
        purge();
        String code = "ory_ac_" + SimIds.encode(SimIds.bytes(32));
        Grant grant = new Grant(user, businessIds, scopes, audience, clock.now());
        codes.put(code, new Code(clientId, redirectUri, challenge, grant, clock.now().plus(config.authCodeTtl())));
        return code;
    }

    /** grant_type=authorization_code. */
    public synchronized TokenAnswer exchange(String clientId, String code, String redirectUri, String verifier) {
        Code issued = codes.get(code);
        if (issued == null) {
            Grant reused = usedCodes.get(code);
            if (reused != null) {
                // OAuth 2.0 (RFC 6749, 4.1.2): a code used twice revokes what it was exchanged for.
                reused.revoked = true;
                throw reject("authorization_code", reused, "authorization code was already used");
            }
            throw reject("authorization_code", null, "unknown authorization code");
        }
        Grant grant = issued.grant();
        if (clock.now().isAfter(issued.expiresAt())) {
            codes.remove(code);
            throw reject("authorization_code", grant, "authorization code expired");
        }
        if (!issued.clientId().equals(clientId)) {
            throw reject("authorization_code", grant, "authorization code was issued to another client");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw reject("authorization_code", grant, "redirect_uri differs from the one of the authorization request");
        }
        if (issued.challenge() != null && (verifier == null || !issued.challenge().equals(s256(verifier)))) {
            throw reject("authorization_code", grant, verifier == null ? "code_verifier is required (PKCE)"
                    : "code_verifier does not match the code_challenge (PKCE)");
        }
        // a refused exchange leaves the code as it was; only a successful one uses it up
        codes.remove(code);
        usedCodes.put(code, grant);
        grants.put(grant.grantId, grant);
        log.add(new V4TokenRequest(clock.now(), "authorization_code", grant.user.userId(), grant.businessIds, "issued"));
        return answer(grant);
    }

    /** grant_type=refresh_token. */
    public synchronized TokenAnswer refresh(String refreshToken) {
        RefreshToken token = refresh.get(refreshToken);
        if (token == null) {
            throw reject("refresh_token", null, "unknown refresh token");
        }
        Grant grant = token.grant;
        Instant now = clock.now();
        if (grant.revoked) {
            throw reject("refresh_token", grant, "the grant was revoked");
        }
        if (now.isAfter(token.expiresAt)) {
            throw reject("refresh_token", grant, "refresh token expired");
        }
        if (token.usedAt != null && now.isAfter(token.usedAt.plus(config.v4RefreshGrace()))) {
            throw reject("refresh_token", grant, "refresh token was already used and its grace period is over");
        }
        String outcome = token.usedAt == null ? "issued" : "issued again within the grace period";
        if (token.usedAt == null) {
            token.usedAt = now;
        }
        log.add(new V4TokenRequest(now, "refresh_token", grant.user.userId(), grant.businessIds, outcome));
        return answer(grant);
    }

    /** Checks {@code Authorization: Bearer}: 401 (RFC 7807) for a missing, unknown or expired token. */
    public synchronized Access authorize(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw SimError.problem(401, "Unauthorized", "invalid token: missing bearer token");
        }
        AccessToken token = access.get(authorization.substring(7).trim());
        if (token == null) {
            throw SimError.problem(401, "Unauthorized", "invalid token: unknown access token");
        }
        if (token.grant.revoked) {
            throw SimError.problem(401, "Unauthorized", "invalid token: the grant was revoked");
        }
        if (!clock.now().isBefore(token.expiresAt)) {
            throw SimError.problem(401, "Unauthorized", "invalid token: access token expired");
        }
        if (!AUDIENCE.equals(token.grant.audience)) {
            throw SimError.proxyOAuthFailed("the token's audience is not " + AUDIENCE);
        }
        Grant grant = token.grant;
        return new Access(grant.grantId, grant.user.userId(), grant.businessIds, grant.scopes);
    }

    /** Expires every live v4 access token now (or those of one business's grants); answers how many. */
    public synchronized int expireAccessTokens(Optional<String> businessId) {
        Instant now = clock.now();
        List<Map.Entry<String, AccessToken>> expired = new ArrayList<>();
        for (Map.Entry<String, AccessToken> entry : access.entrySet()) {
            boolean matches = businessId.map(entry.getValue().grant.businessIds::contains).orElse(true);
            if (matches && entry.getValue().expiresAt.isAfter(now)) {
                expired.add(entry);
            }
        }
        expired.forEach(e -> e.setValue(new AccessToken(e.getValue().grant, now)));
        return expired.size();
    }

    public synchronized List<GrantView> grants() {
        Instant now = clock.now();
        return grants.values().stream().filter(g -> !g.revoked)
                .map(g -> new GrantView(g.grantId, g.user.userId(), g.businessIds, g.scopes, g.audience, g.grantedAt,
                        g.accessExpiresAt, g.scopes.contains(OFFLINE_ACCESS) && refresh.values().stream()
                                .anyMatch(r -> r.grant == g && r.usedAt == null && r.expiresAt.isAfter(now))))
                .toList();
    }

    synchronized void reset() {
        codes.clear();
        usedCodes.clear();
        access.clear();
        refresh.clear();
        grants.clear();
    }

    private TokenAnswer answer(Grant grant) {
        Instant now = clock.now();
        Instant expiresAt = now.plus(config.v4AccessTokenTtl());
        String accessToken = accessToken(grant, now, expiresAt);
        access.put(accessToken, new AccessToken(grant, expiresAt));
        grant.accessExpiresAt = expiresAt;
        String refreshToken = null;
        if (grant.scopes.contains(OFFLINE_ACCESS)) {
            refreshToken = "ory_rt_" + SimIds.encode(SimIds.bytes(32)) + "." + SimIds.encode(SimIds.bytes(12));
            refresh.put(refreshToken, new RefreshToken(grant, now.plus(config.v4RefreshTokenTtl())));
        }
        long expiresIn = Math.max(0, (Duration.between(now, expiresAt).toMillis() + 999) / 1000);
        return new TokenAnswer(accessToken, expiresIn, refreshToken, grant.scopes);
    }

    private SimError reject(String grantType, Grant grant, String reason) {
        log.add(new V4TokenRequest(clock.now(), grantType, grant == null ? null : grant.user.userId(),
                grant == null ? List.of() : grant.businessIds, "rejected: " + reason));
        return SimError.badRequest("invalid_grant", reason);
    }

    /**
     * Shaped like Thumbtack's (ORY Hydra's) JWT access tokens, about 1,200 characters: header, claims
     * (issuer, audience, client, user, scopes, the granted businesses) and a 2048-bit-sized signature.
     */
    private String accessToken(Grant grant, Instant now, Instant expiresAt) {
        ObjectNode header = json.createObjectNode().put("alg", "RS256").put("kid", "public:simulator").put("typ", "JWT");
        ObjectNode claims = json.createObjectNode();
        claims.putArray("aud").add(grant.audience == null ? "" : grant.audience);
        claims.put("client_id", clients.v4ClientId());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.putObject("ext").putPOJO("businessIDs", grant.businessIds);
        claims.put("iat", now.getEpochSecond());
        claims.put("iss", "https://auth.thumbtack.com/");
        claims.put("jti", SimIds.encode(SimIds.bytes(16)));
        claims.putPOJO("scp", grant.scopes);
        claims.put("sub", grant.user.userId());
        return SimIds.encode(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + SimIds.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + SimIds.encode(SimIds.bytes(512));
    }

    static String s256(String verifier) {
        try {
            return SimIds.encode(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets codes and tokens that can no longer be used, so a long dev session stays small. */
    private void purge() {
        Instant now = clock.now();
        codes.values().removeIf(c -> now.isAfter(c.expiresAt()));
        if (usedCodes.size() > 10_000) {
            usedCodes.clear();
        }
        access.values().removeIf(t -> !now.isBefore(t.expiresAt));
        refresh.values().removeIf(t -> now.isAfter(t.expiresAt)
                || (t.usedAt != null && now.isAfter(t.usedAt.plus(config.v4RefreshGrace()))));
        Set<Grant> live = new HashSet<>();
        access.values().forEach(t -> live.add(t.grant));
        refresh.values().forEach(t -> live.add(t.grant));
        grants.values().removeIf(g -> !live.contains(g));
    }
}
