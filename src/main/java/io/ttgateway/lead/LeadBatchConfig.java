package io.ttgateway.lead;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Group commit of lead webhooks (see {@link LeadWriter}). */
@ConfigMapping(prefix = "gateway.lead-batch")
public interface LeadBatchConfig {

    /** Most leads one transaction stores. */
    @WithDefault("64")
    int maxSize();

    /**
     * Batch transactions in flight at once per replica (each holds one pooled connection). 2 stores
     * more leads per second than 3 (bigger batches, fewer commits; docs/bench.md change 16).
     */
    @WithDefault("2")
    int concurrency();

    /** Leads waiting for a batch beyond this are answered 503 at once (Thumbtack delivers them again). */
    @WithDefault("1024")
    int maxQueued();

    /**
     * Payload bytes (two a character) of the leads the writer holds, waiting for a batch or in one being
     * stored, beyond which a lead is answered 503 with Retry-After. Bounds that memory where the count
     * alone would not (1,024 bodies of the 1 MiB limit). A lead that finds nothing held is always taken,
     * whatever its size. 16M and the service's own ~26 MB fit in the old generation of the 80 MiB heap of
     * the benchmark's and the bare-JVM options (docs/deploy.md).
     */
    @WithDefault("16M")
    MemorySize maxQueuedBytes();

    /**
     * Lone retries of a rejected batch running at once (each holds one pooled connection; at most
     * concurrency x retryConcurrency connections for the writer while batches are being retried).
     */
    @WithDefault("2")
    int retryConcurrency();

    /**
     * A lead that waited this long for a batch (the database is slow or gone) is answered 503 instead of
     * being stored late; with the pool's own 5 s wait this bounds a webhook's answer time.
     */
    @WithDefault("5s")
    Duration maxWait();

    /**
     * A batch transaction without an answer after this long (a held lock, a silent connection) has its
     * leads answered 503 and frees its slot. maxWait + batchTimeout stays under Thumbtack's 15 s.
     */
    @WithDefault("8s")
    Duration batchTimeout();
}
