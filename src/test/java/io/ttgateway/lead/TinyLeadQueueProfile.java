package io.ttgateway.lead;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A lead queue bounded to one byte: a lead is queued only while the queue is empty. */
public class TinyLeadQueueProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.lead-batch.max-queued-bytes", "1");
    }
}
