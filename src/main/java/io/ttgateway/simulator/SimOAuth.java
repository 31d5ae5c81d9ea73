package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.ActivityLog.TokenRequest;
import io.ttgateway.simulator.SimBusinesses.Business;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated authorization server (reference: Authentication, steps 2 to 6): single-use auth codes
 * that expire after 5 minutes, access and refresh token pairs, refresh with Thumbtack's 10-second grace
 * period (an already used refresh token is answered again within it), revocation on disconnect.
 * All state is in memory and guarded by this object's monitor.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimOAuth {

    public record TokenPair(String accessToken, String refreshToken, long expiresIn) {}

    /** What a valid access token stands for (GET /v2/get-thumbtack-info). */
    public record Access(String businessId, String businessName, String clientId, List<String> scopes) {}

    /** The newest live token pair of a business, for the dashboard. */
    public record Connection(String businessId, String businessName, String clientId, List<String> scopes,
            Instant accessExpiresAt, Instant refreshExpiresAt) {}

    private record Code(String clientId, String redirectUri, Business business, List<String> scopes, Instant expiresAt) {}

    private static final class Grant {
        final Business business;
        final String clientId;
        final List<String> scopes;
        final String accessToken;
        final String refreshToken;
        final Instant refreshExpiresAt;
        Instant accessExpiresAt;
        Instant refreshUsedAt;
        Grant successor;
        boolean revoked;

        Grant(Business business, String clientId, List<String> scopes, String accessToken, String refreshToken,
                Instant accessExpiresAt, Instant refreshExpiresAt) {
            this.business = business;
            this.clientId = clientId;
            this.scopes = scopes;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
            this.accessExpiresAt = accessExpiresAt;
            this.refreshExpiresAt = refreshExpiresAt;
        }
    }

    private final SimulatorConfig config;
    private final SimClock clock;
    private final ActivityLog log;
    private final SimBusinesses businesses;
    private final ObjectMapper json;
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Boolean> usedCodes = new HashMap<>();
    private final Map<String, Grant> byAccess = new LinkedHashMap<>();
    private final Map<String, Grant> byRefresh = new HashMap<>();
    private int nullRefreshAnswers;

    SimOAuth(SimulatorConfig config, SimClock clock, ActivityLog log, SimBusinesses businesses, ObjectMapper json) {
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.businesses = businesses;
        this.json = json;
    }

    /** Step 3: the pro confirmed the connection. {@code redirectUri} is null when none was given. */
    public synchronized String issueCode(String clientId, String redirectUri, List<String> scopes, Business business) {
        purge();
        String code = SimIds.newSecret();
        codes.put(code, new Code(clientId, redirectUri, business, List.copyOf(scopes), clock.now().plus(config.authCodeTtl())));
        return code;
    }

    /** Step 5: grant_type=authorization_code. */
    public synchronized TokenPair exchange(String clientId, String code, String redirectUri) {
        Code issued = codes.get(code);
        if (issued == null) {
            throw reject("authorization_code", null,
                    usedCodes.containsKey(code) ? "authorization code was already used" : "unknown authorization code");
        }
        String businessId = issued.business().businessId();
        if (clock.now().isAfter(issued.expiresAt())) {
            throw reject("authorization_code", businessId, "authorization code expired");
        }
        if (!issued.clientId().equals(clientId)) {
            throw reject("authorization_code", businessId, "authorization code was issued to another client");
        }
        if (issued.redirectUri() != null && !issued.redirectUri().equals(redirectUri)) {
            throw reject("authorization_code", businessId, "redirect_uri differs from the one of the authorization request");
        }
        codes.remove(code);
        usedCodes.put(code, true);
        Grant grant = grant(issued.business(), clientId, issued.scopes());
        businesses.connected(businessId);
        log.add(new TokenRequest(clock.now(), "authorization_code", businessId, "issued"));
        return pair(grant);
    }

    /** Step 6: grant_type=refresh_token. Empty means the answer is the literal {@code null}. */
    public synchronized Optional<TokenPair> refresh(String clientId, String refreshToken) {
        Grant grant = byRefresh.get(refreshToken);
        if (grant == null) {
            throw reject("refresh_token", null, "unknown refresh token");
        }
        String businessId = grant.business.businessId();
        Instant now = clock.now();
        if (!grant.clientId.equals(clientId)) {
            throw reject("refresh_token", businessId, "refresh token was issued to another client");
        }
        if (grant.revoked) {
            throw reject("refresh_token", businessId, "refresh token was revoked");
        }
        if (now.isAfter(grant.refreshExpiresAt)) {
            throw reject("refresh_token", businessId, "refresh token expired");
        }
        if (grant.refreshUsedAt != null) {
            if (!now.isAfter(grant.refreshUsedAt.plus(config.refreshGrace())) && !grant.successor.revoked) {
                log.add(new TokenRequest(now, "refresh_token", businessId, "answered again within the grace period"));
                return Optional.of(pair(grant.successor));
            }
            throw reject("refresh_token", businessId, "refresh token was already used");
        }
        grant.refreshUsedAt = now;
        grant.successor = grant(grant.business, clientId, grant.scopes);
        if (nullRefreshAnswers > 0) {
            nullRefreshAnswers--;
            log.add(new TokenRequest(now, "refresh_token", businessId, "answered null"));
            return Optional.empty();
        }
        log.add(new TokenRequest(now, "refresh_token", businessId, "issued"));
        return Optional.of(pair(grant.successor));
    }

    /** Checks an {@code Authorization: Bearer} header; 401 for a missing, unknown, expired or revoked token. */
    public synchronized Access authorize(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw SimError.badToken("missing bearer token");
        }
        Grant grant = byAccess.get(authorization.substring(7).trim());
        if (grant == null) {
            throw SimError.badToken("unknown access token");
        }
        if (grant.revoked) {
            throw SimError.badToken("access token was revoked");
        }
        if (!clock.now().isBefore(grant.accessExpiresAt)) {
            throw SimError.badToken("access token expired");
        }
        return new Access(grant.business.businessId(), grant.business.name(), grant.clientId, grant.scopes);
    }

    /** Removes every code and token of the business for this client; answers how many token pairs were live. */
    public synchronized int disconnect(String clientId, String businessId) {
        codes.values().removeIf(c -> c.clientId().equals(clientId) && c.business().businessId().equals(businessId));
        int revoked = 0;
        for (Grant grant : byAccess.values()) {
            if (grant.clientId.equals(clientId) && grant.business.businessId().equals(businessId) && !grant.revoked) {
                grant.revoked = true;
                revoked++;
            }
        }
        return revoked;
    }

    /** Makes the next successful refresh answer the literal {@code null} (the pair is issued all the same). */
    public synchronized int answerNextRefreshWithNull() {
        return ++nullRefreshAnswers;
    }

    /** Expires the access tokens now, of one business or of all; answers how many. */
    public synchronized int expireAccessTokens(Optional<String> businessId) {
        Instant now = clock.now();
        int expired = 0;
        for (Grant grant : byAccess.values()) {
            boolean matches = businessId.map(id -> id.equals(grant.business.businessId())).orElse(true);
            if (matches && !grant.revoked && grant.accessExpiresAt.isAfter(now)) {
                grant.accessExpiresAt = now;
                expired++;
            }
        }
        return expired;
    }

    public synchronized List<Connection> connections() {
        Map<String, Connection> newest = new LinkedHashMap<>();
        Instant now = clock.now();
        for (Grant grant : byAccess.values()) {
            if (!grant.revoked && grant.refreshUsedAt == null && grant.refreshExpiresAt.isAfter(now)) {
                newest.put(grant.business.businessId(), new Connection(grant.business.businessId(), grant.business.name(),
                        grant.clientId, grant.scopes, grant.accessExpiresAt, grant.refreshExpiresAt));
            }
        }
        return new ArrayList<>(newest.values());
    }

    synchronized void reset() {
        codes.clear();
        usedCodes.clear();
        byAccess.clear();
        byRefresh.clear();
        nullRefreshAnswers = 0;
    }

    private SimError reject(String grantType, String businessId, String reason) {
        log.add(new TokenRequest(clock.now(), grantType, businessId, "rejected: " + reason));
        return SimError.badRequest("invalid_grant", reason);
    }

    private Grant grant(Business business, String clientId, List<String> scopes) {
        purge();
        Instant now = clock.now();
        Instant accessExpiresAt = now.plus(config.accessTokenTtl());
        Grant grant = new Grant(business, clientId, scopes, accessToken(business, clientId, scopes, accessExpiresAt),
                SimIds.newSecret(), accessExpiresAt, now.plus(config.refreshTokenTtl()));
        byAccess.put(grant.accessToken, grant);
        byRefresh.put(grant.refreshToken, grant);
        return grant;
    }

    private TokenPair pair(Grant grant) {
        long millis = Duration.between(clock.now(), grant.accessExpiresAt).toMillis();
        long expiresIn = Math.max(0, (millis + 999) / 1000);
        return new TokenPair(grant.accessToken, grant.refreshToken, expiresIn);
    }

    /** Shaped like Thumbtack's tokens: "1." + base64url(claims) + "." + base64url(signature). */
    private String accessToken(Business business, String clientId, List<String> scopes, Instant expiresAt) {
        ObjectNode claims = json.createObjectNode();
        String id = business.businessId();
        if (id.chars().allMatch(Character::isDigit)) {
            claims.put("BusinessPK", new BigInteger(id));
        } else {
            claims.put("BusinessPK", id);
        }
        claims.put("ClientID", clientId);
        scopes.forEach(claims.putArray("Scope")::add);
        claims.put("ExpiresAt", expiresAt.toString());
        claims.put("SrcAuthCode", HexFormat.of().formatHex(SimIds.bytes(48)));
        return "1." + SimIds.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + SimIds.encode(SimIds.bytes(32));
    }

    /** Forgets codes and token pairs that can no longer be used, so a long dev session stays small. */
    private void purge() {
        Instant now = clock.now();
        codes.values().removeIf(c -> now.isAfter(c.expiresAt()));
        if (usedCodes.size() > 10_000) {
            usedCodes.clear();
        }
        byAccess.values().removeIf(g -> (g.revoked || now.isAfter(g.refreshExpiresAt)
                || (g.refreshUsedAt != null && now.isAfter(g.refreshUsedAt.plus(config.refreshGrace()))))
                && !now.isBefore(g.accessExpiresAt));
        byRefresh.values().removeIf(g -> !byAccess.containsKey(g.accessToken));
    }
}
