package io.ttgateway.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class talking to Thumbtack played by {@link ThumbtackWireMock} (global: every such class shares
 * one application start). Before each test the stubs and the recorded requests are gone and every
 * circuit breaker is closed, so a test counts only the requests it caused and is not refused by a
 * breaker an earlier test opened.
 */
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
public abstract class ThumbtackTestBase {

    @InjectWireMock
    protected WireMockServer thumbtack;

    @Inject
    protected CircuitBreakerMaintenance circuitBreakers;

    @BeforeEach
    void resetThumbtack() {
        thumbtack.resetAll();
        circuitBreakers.resetAll();
    }
}
