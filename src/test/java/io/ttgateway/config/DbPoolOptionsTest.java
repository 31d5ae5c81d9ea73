package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The pool's TCP options. A dead peer (a pod or node gone without a FIN) is found by keepalive after
 * about 60 s + 3 x 10 s instead of the kernel's ~2 h, and unacknowledged writes end after 30 s.
 */
@QuarkusTest
class DbPoolOptionsTest {

    @Inject
    GatewayConfig config;

    @Test
    void pooledConnectionsUseTcpKeepaliveAndUserTimeout() {
        PgConnectOptions options = new PgConnectOptions();

        DbPoolLimits.boundSessions(options, config.db());

        assertThat(options.isTcpKeepAlive()).isTrue();
        assertThat(options.getTcpKeepAliveIdleSeconds()).isEqualTo(60);
        assertThat(options.getTcpKeepAliveIntervalSeconds()).isEqualTo(10);
        assertThat(options.getTcpKeepAliveCount()).isEqualTo(3);
        assertThat(options.getTcpUserTimeout()).isEqualTo(30_000);
        assertThat(options.getProperties()).containsEntry("lock_timeout", "5000ms")
                .containsEntry("statement_timeout", "10000ms")
                .containsEntry("idle_in_transaction_session_timeout", "30000ms");
    }
}
