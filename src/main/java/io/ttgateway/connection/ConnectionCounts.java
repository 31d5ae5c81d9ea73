package io.ttgateway.connection;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Counts the connections by status for thumbtack_connections{status}, every
 * {@code gateway.connections.count-interval}: a dashboard shows them, and an alert fires when
 * NEEDS_REAUTH grows (a pro must connect again).
 */
@ApplicationScoped
public class ConnectionCounts {

    private static final Logger LOG = Logger.getLogger(ConnectionCounts.class);

    private final ConnectionRepository repository;
    private final ConnectionMetrics metrics;

    ConnectionCounts(ConnectionRepository repository, ConnectionMetrics metrics) {
        this.repository = repository;
        this.metrics = metrics;
    }

    @Scheduled(identity = "connection-counts", every = "${gateway.connections.count-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return count().onFailure().invoke(failure -> LOG.warnf("counting connections failed, next run retries: %s",
                failure.toString())).onFailure().recoverWithNull();
    }

    /** One count; public for tests. */
    public Uni<Void> count() {
        return Deadlines.dbCall(repository.countByStatus(), "connection counts").invoke(metrics::connections)
                .replaceWithVoid();
    }
}
