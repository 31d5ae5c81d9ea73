package io.ttgateway.connection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.FreshContext;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.thumbtackv4.BearerToken;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4Result;
import io.ttgateway.thumbtackv4.V4Webhook;
import io.ttgateway.thumbtackv4.V4WebhookRequest;
import io.ttgateway.thumbtackv4.V4Webhooks;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes sure exactly one webhook of this service exists at Thumbtack for a v4 business, with
 * credentials this service holds. One registration attempt:
 * <ol>
 * <li>lease the business's row (created with fresh credentials when there is none);</li>
 * <li>list the business's webhooks; ours are those with our webhookURL;</li>
 * <li>none: new credentials stored, then create; ours with the webhookID the row holds: done (or,
 * if the row's credentials were never confirmed, its auth set to them); ours with another webhookID
 * (the row's answer was lost, or the database was restored): new credentials stored, then its auth
 * replaced. Any further webhook of ours is deleted, so there is never a second one.</li>
 * </ol>
 * A failure leaves the row FAILED with the reason and a back-off; {@link WebhookRetryJob} tries again.
 */
@ApplicationScoped
public class WebhookRegistrar {

    private static final Logger LOG = Logger.getLogger(WebhookRegistrar.class);
    /** Far longer than one attempt can take (a few calls, each bounded by its V4Guard timeout and retries). */
    static final Duration LEASE = Duration.ofSeconds(120);

    private final WebhookStore store;
    private final ThumbtackV4 thumbtack;
    private final ConnectionRepository connections;
    private final GrantTokens tokens;
    private final GatewayConfig gateway;
    private final Vertx vertx;

    WebhookRegistrar(WebhookStore store, ThumbtackV4 thumbtack, ConnectionRepository connections, GrantTokens tokens,
            GatewayConfig gateway, Vertx vertx) {
        this.store = store;
        this.thumbtack = thumbtack;
        this.connections = connections;
        this.tokens = tokens;
        this.gateway = gateway;
        this.vertx = vertx;
    }

    /** Where Thumbtack delivers: {GATEWAY_PUBLIC_URL}/v4/webhooks. */
    public String webhookUrl() {
        String base = gateway.publicUrl().orElse("").strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/v4/webhooks";
    }

    /**
     * Registers the businesses' webhooks in the background, one after the other, on a context of its
     * own: the caller (the OAuth callback page) does not wait. A failure is stored as FAILED and retried.
     */
    public void registerInBackground(List<String> businessIds) {
        FreshContext.run(vertx, () -> Multi.createFrom().iterable(businessIds)
                        .onItem().transformToUniAndConcatenate(businessId -> register(businessId)
                                .onFailure().recoverWithItem(failure -> {
                                    LOG.warnf("webhook registration of business %s not started (%s); the retry"
                                            + " job takes it up", businessId, failure.getClass().getSimpleName());
                                    return null;
                                }))
                        .collect().last())
                .subscribe().with(done -> { }, failure -> LOG.warnf("webhook registrations failed: %s",
                        failure.getClass().getSimpleName()));
    }

    /** One attempt for the business, unless another registration of it is running; true when REGISTERED. */
    public Uni<Boolean> register(String businessId) {
        return store.claim(businessId, webhookUrl(), LEASE)
                .chain(claim -> claim == null ? Uni.createFrom().item(false) : attempt(claim));
    }

    /** One attempt for a row the retry job leased. */
    Uni<Boolean> attempt(WebhookClaim claim) {
        return token(claim.businessId()).chain(token -> token.isEmpty()
                ? fail(claim, "the connection has no usable token (needs re-authorization or disconnected)")
                : thumbtack.webhooks(token.get(), claim.businessId()).chain(listed -> listed.fold(
                        webhooks -> reconcile(claim, token.get(), webhooks),
                        refused -> fail(claim, "listing webhooks: " + refused.describe()),
                        unanswered -> fail(claim, "listing webhooks: " + unanswered.describe()))));
    }

    private Uni<Boolean> reconcile(WebhookClaim claim, BearerToken token, V4Webhooks listed) {
        String url = webhookUrl();
        List<V4Webhook> ours = listed.data().stream().filter(hook -> url.equals(hook.webhookURL())).toList();
        V4Webhook keep = ours.stream().filter(hook -> hook.webhookID() != null
                && hook.webhookID().equals(claim.webhookId())).findFirst().orElse(ours.isEmpty() ? null : ours.get(0));
        List<V4Webhook> extra = ours.stream().filter(hook -> hook != keep).toList();
        return deleteExtra(claim, token, extra).chain(error -> {
            if (error != null) {
                return fail(claim, error);
            }
            if (keep == null) {
                return store.storeNewCredentials(claim, null).chain(fresh -> fresh == null ? Uni.createFrom().item(false)
                        : thumbtack.createWebhook(token, claim.businessId(), V4WebhookRequest.of(url, fresh.credentials()))
                                .chain(created -> created.fold(
                                        hook -> registered(fresh, hook.webhookID()),
                                        refused -> fail(fresh, "creating the webhook: " + refused.describe()),
                                        unanswered -> fail(fresh, "creating the webhook: " + unanswered.describe()))));
            }
            if (keep.webhookID().equals(claim.webhookId()) && claim.state() == RegisteredWebhook.State.REGISTERED) {
                return registered(claim, keep.webhookID());
            }
            Uni<WebhookClaim> holder = keep.webhookID().equals(claim.webhookId()) ? Uni.createFrom().item(claim)
                    : store.storeNewCredentials(claim, keep.webhookID());
            return holder.chain(current -> current == null ? Uni.createFrom().item(false)
                    : thumbtack.updateWebhookAuth(token, current.businessId(), keep.webhookID(), current.credentials())
                            .chain(updated -> updated.fold(
                                    ok -> registered(current, keep.webhookID()),
                                    refused -> fail(current, "replacing the webhook's credentials: " + refused.describe()),
                                    unanswered -> fail(current, "replacing the webhook's credentials: "
                                            + unanswered.describe()))));
        });
    }

    /** Deletes further webhooks of ours; the first failure's text, or null. */
    private Uni<String> deleteExtra(WebhookClaim claim, BearerToken token, List<V4Webhook> extra) {
        return Multi.createFrom().iterable(extra)
                .onItem().transformToUniAndConcatenate(hook -> thumbtack.deleteWebhook(token, claim.businessId(),
                        hook.webhookID()).map(deleted -> deleted.fold(ok -> "", refused -> refused.status() == 404 ? ""
                                : "deleting a second webhook of ours: " + refused.describe(),
                        unanswered -> "deleting a second webhook of ours: " + unanswered.describe())))
                .filter(error -> !error.isEmpty())
                .collect().first();
    }

    private Uni<Boolean> registered(WebhookClaim claim, String webhookId) {
        return store.storeRegistered(claim, webhookId)
                .invoke(stored -> LOG.infof("webhook of business %s registered (%s)", claim.businessId(), webhookId));
    }

    private Uni<Boolean> fail(WebhookClaim claim, String reason) {
        return store.storeFailed(claim, reason).map(next -> {
            LOG.warnf("webhook registration of business %s failed, next try at %s: %s", claim.businessId(), next,
                    reason);
            return false;
        });
    }

    /** The grant's token of a v4 business that is CONNECTED, else empty. */
    Uni<Optional<BearerToken>> token(String businessId) {
        return connections.findByBusinessPkAtDatabaseNow(businessId).chain(read -> {
            if (read.row() == null || read.row().apiVersion != ApiVersion.V4) {
                return Uni.createFrom().item(Optional.<BearerToken>empty());
            }
            return tokens.accessTokenFor(read.row(), read.now()).map(token -> token.fold(
                    bearer -> Optional.of(new BearerToken(bearer.token())),
                    notConnected -> Optional.<BearerToken>empty(),
                    unavailable -> Optional.<BearerToken>empty()));
        });
    }

    /**
     * Deletes the service's webhook(s) of the business at Thumbtack and marks the row DELETED. Every
     * webhook with our URL goes, also one whose create answer was lost. Fails (502/504) only when
     * Thumbtack did not confirm while a token was in hand; a webhook already gone (404), or no usable
     * token left to reach it with, is simply DELETED here, so its credentials stop working at once.
     */
    public Uni<Void> unregister(String businessId) {
        return store.findByBusiness(businessId).chain(row -> {
            if (row == null || row.state == RegisteredWebhook.State.DELETED) {
                return Uni.createFrom().voidItem();
            }
            return token(businessId).chain(token -> token.isEmpty() ? store.markDeleted(businessId)
                    : thumbtack.webhooks(token.get(), businessId).chain(listed -> {
                        String url = webhookUrl();
                        List<V4Webhook> ours = listed.orThrow("listing the webhooks at Thumbtack").data().stream()
                                .filter(hook -> url.equals(hook.webhookURL())).toList();
                        return Multi.createFrom().iterable(ours)
                                .onItem().transformToUniAndConcatenate(hook -> thumbtack.deleteWebhook(token.get(),
                                        businessId, hook.webhookID()).invoke(answer -> {
                                            boolean gone = answer.fold(ok -> true, refused -> refused.status() == 404,
                                                    unanswered -> false);
                                            if (!gone) {
                                                answer.orThrow("deleting the webhook at Thumbtack");
                                            }
                                        }))
                                .collect().last()
                                .chain(() -> store.markDeleted(businessId));
                    }));
        });
    }
}
