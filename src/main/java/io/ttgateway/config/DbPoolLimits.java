package io.ttgateway.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every wait on the reactive PostgreSQL pool (Quarkus exposes none of these as settings):
 * connecting, waiting for a free connection and the queue of waiters. A database that is down or
 * silent then fails a request within seconds (answered 503) instead of holding it for Vert.x'
 * defaults of 60 s to connect and 30 s in an unbounded queue. Also lets long statements be cached,
 * and bounds each session's locks and statements (see {@link #boundSessions}).
 */
@Singleton
public class DbPoolLimits implements PgPoolCreator {

    /** Longest statement kept prepared per connection (with quarkus.datasource.reactive.cache-prepared-statements). */
    public static final int PREPARED_STATEMENT_SQL_LIMIT = 8192;

    private static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    private static final int KEEPALIVE_PROBES = 3;

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
            boundSessions(options, db);
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), pool);
    }

    /**
     * Session settings sent at connect (like search_path), so they hold for every statement on every
     * pooled connection, Hibernate Reactive's included: a held lock, a runaway statement or a
     * transaction left open by a stuck caller costs seconds, not the lifetime of the other session.
     * TCP keepalive and user timeout drop a connection whose peer vanished (the default is about 2 h),
     * on both ends: PostgreSQL's side (session settings) is what ends the backend of a pod that died
     * inside a transaction, and with it the locks it held; the client's side is set on the pool, where
     * Vert.x applies the timings with its native transport only (NIO sets SO_KEEPALIVE alone).
     */
    static void boundSessions(PgConnectOptions options, GatewayConfig.Db db) {
        options.addProperty("lock_timeout", millis(db.lockTimeout()))
                .addProperty("statement_timeout", millis(db.statementTimeout()))
                .addProperty("idle_in_transaction_session_timeout", millis(db.idleInTransactionTimeout()))
                .addProperty("tcp_keepalives_idle", String.valueOf(Math.max(1, db.tcpKeepaliveIdle().toSeconds())))
                .addProperty("tcp_keepalives_interval", String.valueOf(KEEPALIVE_INTERVAL_SECONDS))
                .addProperty("tcp_keepalives_count", String.valueOf(KEEPALIVE_PROBES))
                .addProperty("tcp_user_timeout", millis(db.tcpUserTimeout()));
        options.setTcpKeepAlive(true)
                .setTcpKeepAliveIdleSeconds((int) Math.max(1, db.tcpKeepaliveIdle().toSeconds()))
                .setTcpKeepAliveIntervalSeconds(KEEPALIVE_INTERVAL_SECONDS)
                .setTcpKeepAliveCount(KEEPALIVE_PROBES)
                .setTcpUserTimeout((int) db.tcpUserTimeout().toMillis());
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
