package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.GenericPlan;
import org.junit.jupiter.api.Test;

/**
 * The echo sweep runs on every replica every minute; it must find the few messages still waiting for
 * their echo through their partial index, never by reading every message.
 */
@QuarkusTest
class EchoSweeperPlanTest {

    /** Messages long settled: none waits for an echo. */
    private static final String SETTLED_MESSAGES = """
            insert into message (message_id, lead_id, business_id, text, raw)
            select 'plan-' || g, 'plan-lead', '286845156044809661', 'hello', '{}' from generate_series(1, 20000) g""";

    @Test
    void findsTheMessagesWaitingForTheirEchoThroughTheirIndex() throws Exception {
        assertThat(GenericPlan.scans("message", SETTLED_MESSAGES, EchoSweeper.SWEEP, "60000", "500",
                "'message.received'"))
                .noneMatch(scan -> scan.equals("Seq Scan on message"))
                .anyMatch(scan -> scan.startsWith("Index Scan on message"));
    }
}
