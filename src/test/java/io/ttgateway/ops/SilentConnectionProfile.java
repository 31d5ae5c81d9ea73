package io.ttgateway.ops;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.ttgateway.support.StallingTcpProxy;
import java.util.Map;

/**
 * The service's reactive pool reaches PostgreSQL through {@link StallingTcpProxy}, which a test can make
 * silent (connections stay open, nothing comes back) and resume. Flyway connects directly. Short limits
 * keep each test within seconds: a background call 1 s, a queued lead 1 s, a batch 2 s, any answer 5 s.
 */
public class SilentConnectionProfile implements QuarkusTestProfile {

    /** One proxy for the JVM: the profile's Quarkus instance connects through it. */
    public static final StallingTcpProxy PROXY = new StallingTcpProxy(5432);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + PROXY.port() + "/postgres",
                "gateway.db.call-timeout", "1S",
                "gateway.db.pool-wait-timeout", "2S",
                "gateway.lead-batch.max-wait", "1S",
                "gateway.lead-batch.batch-timeout", "2S",
                "gateway.answer-deadline", "5S");
    }
}
