package io.ttgateway.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Histogram buckets for the answer time of every request (http_server_requests_seconds_bucket), so the
 * dashboard can show percentiles across replicas with histogram_quantile. A fixed, short list (about the
 * 15-second answer deadline) rather than Micrometer's ~70 percentile buckets per series.
 */
@Singleton
public class LatencyBuckets {

    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] nanos = new double[SECONDS.length];
                for (int i = 0; i < SECONDS.length; i++) {
                    nanos[i] = Duration.ofMillis((long) (SECONDS[i] * 1000)).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
