package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Backoff;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.thumbtackv4.V4WebhookAuth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The v4_webhook rows: one short transaction per step of a registration, never open across a call to
 * Thumbtack. A registration holds a lease on its row (by the database's clock), so of several
 * replicas (or a connect and the retry job) only one registers a business's webhook at a time.
 */
@ApplicationScoped
public class WebhookStore implements PanacheRepositoryBase<RegisteredWebhook, Long> {

    /** Retries of a failed registration: 30 s, 1 m, 2 m, ... at most 1 h apart. */
    static final Duration BACKOFF_INITIAL = Duration.ofSeconds(30);
    static final Duration BACKOFF_MAX = Duration.ofHours(1);

    private final TokenCipher cipher;
    private final KeyLocks locks;
    private final ConnectionRepository connections;

    WebhookStore(TokenCipher cipher, KeyLocks locks, ConnectionRepository connections) {
        this.cipher = cipher;
        this.locks = locks;
        this.connections = connections;
    }

    @WithSession
    public Uni<RegisteredWebhook> findByBusiness(String businessId) {
        return find("businessId", businessId).<RegisteredWebhook>firstResult();
    }

    @WithSession
    public Uni<List<RegisteredWebhook>> listByBusinesses(List<String> businessIds) {
        return businessIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("businessId in ?1", businessIds);
    }

    /**
     * Leases the business's row for a registration, creating it with fresh credentials when there is
     * none (or it was DELETED); null when another registration holds the lease. The row is due for
     * the retry job once the lease ends, so a registration that dies half-way is taken up again.
     */
    @WithTransaction
    public Uni<WebhookClaim> claim(String businessId, String webhookUrl, Duration lease) {
        return locks.lock("v4_webhook", businessId)
                .chain(() -> find("businessId", businessId).withLock(LockModeType.PESSIMISTIC_WRITE).<RegisteredWebhook>firstResult())
                .chain(existing -> connections.databaseNow().chain(now -> {
                    if (existing != null && existing.leaseHeld(now)) {
                        return Uni.createFrom().nullItem();
                    }
                    RegisteredWebhook row = existing != null ? existing : new RegisteredWebhook();
                    V4WebhookAuth fresh = null;
                    if (existing == null || existing.state == RegisteredWebhook.State.DELETED) {
                        row.businessId = businessId;
                        row.webhookId = null;
                        row.state = RegisteredWebhook.State.PENDING;
                        row.attempts = 0;
                        row.lastError = null;
                        row.createdAt = existing == null ? now : row.createdAt;
                        fresh = WebhookCredentials.generate();
                        seal(row, fresh);
                    }
                    row.webhookUrl = webhookUrl;
                    V4WebhookAuth credentials = fresh;
                    return persist(lease(row, lease, now)).map(saved -> claimOf(saved, credentials));
                }));
    }

    /** Leases the next row whose registration is due for a retry (PENDING or FAILED), or null. */
    @WithTransaction
    public Uni<WebhookClaim> claimDue(Duration lease) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id from v4_webhook
                        where state in ('PENDING', 'FAILED') and next_attempt_at <= now()
                          and (lease_until is null or lease_until < now())
                        order by next_attempt_at limit 1 for update skip locked""", Long.class)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : findById(ids.get(0)))
                .chain(row -> row == null ? Uni.createFrom().nullItem()
                        : connections.databaseNow().map(now -> claimOf(lease(row, lease, now), null)));
    }

    /**
     * New credentials for the row (the old ones stop working at once), stored sealed before Thumbtack
     * is given them: a create or auth update whose answer is lost leaves credentials this service
     * holds. Null when the lease was lost.
     */
    @WithTransaction
    public Uni<WebhookClaim> storeNewCredentials(WebhookClaim claim, String webhookId) {
        return leased(claim).map(row -> {
            if (row == null) {
                return null;
            }
            V4WebhookAuth fresh = WebhookCredentials.generate();
            seal(row, fresh);
            row.webhookId = webhookId;
            row.state = RegisteredWebhook.State.PENDING;
            return claimOf(row, fresh);
        });
    }

    /** Thumbtack holds the row's credentials for this webhook: REGISTERED, lease released. */
    @WithTransaction
    public Uni<Boolean> storeRegistered(WebhookClaim claim, String webhookId) {
        return leased(claim).chain(row -> row == null ? Uni.createFrom().item(false)
                : connections.databaseNow().map(now -> {
                    row.webhookId = webhookId;
                    row.state = RegisteredWebhook.State.REGISTERED;
                    row.attempts = 0;
                    row.lastError = null;
                    row.nextAttemptAt = null;
                    row.updatedAt = now;
                    row.releaseLease();
                    return true;
                }));
    }

    /** FAILED with the reason (no secrets in it), retried after a bounded exponential back-off. */
    @WithTransaction
    public Uni<Instant> storeFailed(WebhookClaim claim, String reason) {
        return leased(claim).chain(row -> row == null ? Uni.createFrom().nullItem()
                : connections.databaseNow().map(now -> {
                    row.state = RegisteredWebhook.State.FAILED;
                    row.attempts++;
                    row.lastError = reason;
                    row.nextAttemptAt = now.plus(Backoff.after(row.attempts, BACKOFF_INITIAL, BACKOFF_MAX));
                    row.updatedAt = now;
                    row.releaseLease();
                    return row.nextAttemptAt;
                }));
    }

    /** The webhook is gone at Thumbtack (or cannot be reached any more): DELETED, its credentials stop working. */
    @WithTransaction
    public Uni<Void> markDeleted(String businessId) {
        return find("businessId", businessId).withLock(LockModeType.PESSIMISTIC_WRITE).<RegisteredWebhook>firstResult()
                .chain(row -> row == null ? Uni.createFrom().voidItem() : connections.databaseNow().invoke(now -> {
                    row.state = RegisteredWebhook.State.DELETED;
                    row.nextAttemptAt = null;
                    row.updatedAt = now;
                    row.releaseLease();
                }).replaceWithVoid());
    }

    /** The row's credentials, decrypted (for an auth update with the credentials it already holds). */
    V4WebhookAuth credentialsOf(RegisteredWebhook row) {
        return new V4WebhookAuth(cipher.open(row.username(), WebhookCredentials.usernameContext(row.businessId)),
                cipher.open(row.password(), WebhookCredentials.passwordContext(row.businessId)));
    }

    private void seal(RegisteredWebhook row, V4WebhookAuth credentials) {
        row.usernameHash = WebhookCredentials.usernameHash(credentials.username());
        row.setUsername(cipher.seal(credentials.username(), WebhookCredentials.usernameContext(row.businessId)));
        row.setPassword(cipher.seal(credentials.password(), WebhookCredentials.passwordContext(row.businessId)));
    }

    private static RegisteredWebhook lease(RegisteredWebhook row, Duration lease, Instant now) {
        row.leaseId = UUID.randomUUID().toString();
        row.leaseUntil = now.plus(lease);
        // Due for the retry job once the lease ends, should this registration never finish.
        row.nextAttemptAt = row.leaseUntil;
        row.updatedAt = now;
        return row;
    }

    private WebhookClaim claimOf(RegisteredWebhook row, V4WebhookAuth credentials) {
        return new WebhookClaim(row.id, row.businessId, row.leaseId, row.webhookId, row.state,
                credentials != null ? credentials : credentialsOf(row));
    }

    private Uni<RegisteredWebhook> leased(WebhookClaim claim) {
        return findById(claim.id(), LockModeType.PESSIMISTIC_WRITE)
                .map(row -> row != null && claim.leaseId().equals(row.leaseId) ? row : null);
    }
}
