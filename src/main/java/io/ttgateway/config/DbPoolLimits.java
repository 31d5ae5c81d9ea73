package io.ttgateway.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every wait on the reactive PostgreSQL pool (Quarkus exposes none of these as settings):
 * connecting, waiting for a free connection and the queue of waiters. A database that is down or
 * silent then fails a request within seconds (answered 503) instead of holding it for Vert.x'
 * defaults of 60 s to connect and 30 s in an unbounded queue. Also lets long statements be cached.
 */
@Singleton
public class DbPoolLimits implements PgPoolCreator {

    /** Longest statement kept prepared per connection (with quarkus.datasource.reactive.cache-prepared-statements). */
    public static final int PREPARED_STATEMENT_SQL_LIMIT = 8192;

    private final GatewayConfig.Db db;

    DbPoolLimits(GatewayConfig config) {
        this.db = config.db();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout((int) db.poolWaitTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(db.maxWaitQueue());
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) db.connectTimeout().toMillis());
            // Vert.x caches only statements up to 2,048 characters; the lead batch statement is longer
            // and was parsed again on every batch (perf: PostgreSQL's SQL parser among its top functions).
            options.setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT);
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), pool);
    }
}
