package io.ttgateway.common;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * An answer deadline shorter than one v4 call's timeout (1 s in tests), so that it passes while the
 * service waits on Thumbtack.
 */
public class ShortAnswerDeadlineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.answer-deadline", "600ms");
    }
}
