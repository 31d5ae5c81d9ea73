package io.ttgateway.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link SimulatorProfile} with v4 on, as in dev: the v4 client the simulator accepts, the v4 auth and
 * API URLs and the v4 redirect-uri on the same test server, and that server as the public URL the
 * service registers its v4 webhooks at.
 */
public class SimulatorV4Profile extends SimulatorProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("thumbtack.v4.client-id", V4Sim.CLIENT_ID);
        overrides.put("thumbtack.v4.client-secret", V4Sim.CLIENT_SECRET);
        overrides.put("thumbtack.v4.auth-url", BASE + "/simulator/v4-auth");
        overrides.put("thumbtack.v4.api-url", BASE + "/simulator/v4-api");
        overrides.put("thumbtack.v4.redirect-uri", BASE + "/oauth/v4/callback");
        overrides.put("gateway.public-url", BASE);
        return overrides;
    }
}
