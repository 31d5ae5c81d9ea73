package io.ttgateway.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Short limits so a held lead-table lock shows every bound within seconds: a queued lead waits 1 s,
 * a batch 3 s, any answer 8 s; the session's own lock_timeout (10 s) comes last on purpose, so each
 * test sees the bound it is about and not the database giving up first.
 */
public class LeadTableLockProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.db.lock-timeout", "10S",
                "gateway.lead-batch.max-wait", "1S",
                "gateway.lead-batch.batch-timeout", "3S",
                "gateway.answer-deadline", "8S");
    }
}
