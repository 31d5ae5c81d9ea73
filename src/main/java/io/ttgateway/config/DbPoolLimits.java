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
 * defaults of 60 s to connect and 30 s in an unbounded queue.
 */
@Singleton
public class DbPoolLimits implements PgPoolCreator {

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
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), pool);
    }
}
