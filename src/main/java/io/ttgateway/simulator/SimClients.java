package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.config.ThumbtackConfig;
import io.ttgateway.config.ThumbtackV4Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials the simulated Thumbtack issued to this partner: the OAuth client (thumbtack.client-id
 * and client-secret, checked as Basic auth on /v2/tokens/access and /v2/disconnect-partner) and the
 * optional /v1 username and password; and the v4 OAuth client (thumbtack.v4.client-id and client-secret,
 * checked on the v4 /oauth2/token). Like the legacy client, the simulator takes the service's own settings,
 * so no credential of the simulator is compiled into the application. Compared in constant time.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimClients {

    private final ThumbtackConfig thumbtack;
    private final ThumbtackV4Config v4;

    SimClients(ThumbtackConfig thumbtack, ThumbtackV4Config v4) {
        this.thumbtack = thumbtack;
        this.v4 = v4;
    }

    /** The v4 client id the simulated auth server issues codes and tokens to ("" while v4 is off). */
    public String v4ClientId() {
        return v4.clientId().filter(id -> !id.isBlank()).orElse("");
    }

    public Optional<String> clientId() {
        return thumbtack.clientId().filter(id -> !id.isBlank());
    }

    /** The client id of a valid {@code Basic base64(client_id:client_secret)} header, else 401. */
    public String requireClient(String authorization) {
        return require(authorization, clientId(), thumbtack.clientSecret(), "client credentials");
    }

    /** The v4 client id of a valid Basic header on the v4 /oauth2/token (thumbtack.v4.client-*), else 401. */
    public String requireV4Client(String authorization) {
        return require(authorization, v4.clientId().filter(id -> !id.isBlank()), v4.clientSecret(),
                "v4 client credentials");
    }

    /** The username of a valid /v1 Basic header, else 401. */
    public String requireV1(String authorization) {
        return require(authorization, thumbtack.v1Username(), thumbtack.v1Password(), "v1 credentials");
    }

    private static String require(String authorization, Optional<String> user, Optional<String> password, String what) {
        String[] given = decode(authorization);
        if (given == null) {
            throw SimError.badClient("missing or malformed Basic " + what);
        }
        boolean userOk = user.filter(u -> !u.isBlank()).map(u -> same(u, given[0])).orElse(false);
        boolean passwordOk = password.filter(p -> !p.isBlank()).map(p -> same(p, given[1])).orElse(false);
        if (!(userOk & passwordOk)) {
            throw SimError.badClient("wrong " + what);
        }
        return given[0];
    }

    private static String[] decode(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
