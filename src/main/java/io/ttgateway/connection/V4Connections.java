package io.ttgateway.connection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.FreshContext;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackCallException;
import io.ttgateway.thumbtackv4.BearerToken;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4Business;
import io.ttgateway.thumbtackv4.V4Businesses;
import io.ttgateway.thumbtackv4.V4Tokens;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The lifecycle of v4 connections: connect (code and PKCE verifier -> grant -> one connection per
 * business of the pro's user), the take-over of businesses connected through the legacy flow, and
 * disconnect. Call outside any transaction of your own.
 */
@ApplicationScoped
public class V4Connections {

    private static final Logger LOG = Logger.getLogger(V4Connections.class);
    /** Bounds the listing at connect (and its time): 10 pages of Thumbtack's documented 20 businesses. */
    static final int MAX_BUSINESS_PAGES = 10;
    /** Thumbtack's documented page size, for an answer that names none. */
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final String LISTING = "listing the businesses of the new token";

    private final ThumbtackV4 thumbtack;
    private final ThumbtackApi legacy;
    private final GrantStore store;
    private final WebhookRegistrar webhooks;
    private final ConnectionMetrics metrics;
    private final Vertx vertx;

    V4Connections(ThumbtackV4 thumbtack, ThumbtackApi legacy, GrantStore store, WebhookRegistrar webhooks,
            ConnectionMetrics metrics, Vertx vertx) {
        this.thumbtack = thumbtack;
        this.legacy = legacy;
        this.store = store;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    /**
     * Exchanges the code, lists the user's businesses and stores grant and connections in one
     * transaction. After the commit, in the background (the caller does not wait): the legacy grants of
     * businesses taken over are disconnected at Thumbtack, and each business's webhook is registered.
     * Fails with ThumbtackCallException (502/504) when Thumbtack says no or does not answer.
     */
    public Uni<GrantStore.V4Connected> connect(String code, String codeVerifier, List<String> scopes) {
        return thumbtack.exchangeCode(code, codeVerifier)
                .map(answer -> answer.orThrow("exchanging the authorization code"))
                .chain(tokens -> businesses(tokens.bearer()).chain(listed -> store(tokens, scopes, listed)))
                .invoke(connected -> {
                    LOG.infof("v4 grant %d connected businesses %s", connected.grantId(),
                            connected.connections().stream().map(c -> c.businessPk).toList());
                    disconnectLegacyInBackground(connected.migratedFromLegacy());
                    webhooks.registerInBackground(connected.connections().stream().map(c -> c.businessPk).toList());
                });
    }

    /**
     * Every business of the user, page after page (at most {@link #MAX_BUSINESS_PAGES}): the first page
     * asked for as documented, further ones with {@code limit} (the first answer's) and {@code offset}
     * while {@link V4Businesses#mayHaveMore} says so.
     */
    private Uni<List<V4Business>> businesses(BearerToken token) {
        return thumbtack.businesses(token).map(answer -> answer.orThrow(LISTING))
                .chain(first -> morePages(token, first, first.data(), first.data().size(), 1));
    }

    private Uni<List<V4Business>> morePages(BearerToken token, V4Businesses last, List<V4Business> listed, int offset,
            int pages) {
        if (last.data().isEmpty() || !last.mayHaveMore()) {
            return Uni.createFrom().item(listed);
        }
        if (pages >= MAX_BUSINESS_PAGES) {
            LOG.warnf("the v4 user has more than %d businesses listed over %d pages: only those are connected",
                    listed.size(), pages);
            return Uni.createFrom().item(listed);
        }
        int limit = last.limit().orElse(DEFAULT_PAGE_SIZE);
        return thumbtack.businesses(token, limit, offset).map(answer -> answer.orThrow(LISTING)).chain(page -> {
            Set<String> known = listed.stream().map(V4Business::businessID).collect(Collectors.toSet());
            List<V4Business> fresh = page.data().stream().filter(b -> !known.contains(b.businessID())).toList();
            if (fresh.isEmpty()) {
                // A page of businesses already listed: Thumbtack ignored the offset, nothing more to read.
                return Uni.createFrom().item(listed);
            }
            List<V4Business> all = new ArrayList<>(listed);
            all.addAll(fresh);
            return morePages(token, page, all, offset + page.data().size(), pages + 1);
        });
    }

    private Uni<GrantStore.V4Connected> store(V4Tokens tokens, List<String> scopes, List<V4Business> businesses) {
        List<V4Business> usable = businesses.stream()
                .filter(business -> business.businessID() != null && !business.businessID().isBlank()).toList();
        if (usable.isEmpty()) {
            return Uni.createFrom().failure(new ThumbtackCallException(502,
                    LISTING + ": Thumbtack listed no business for this account"));
        }
        return store.storeConnect(tokens, scopes, usable);
    }

    /**
     * The legacy side of a take-over: disconnect-partner for each business. The legacy tokens are
     * already erased (in the transaction that made the row v4), so a failure here cannot keep the
     * migration from holding: it is logged and counted
     * (thumbtack_legacy_disconnect_failures_total), and the legacy grant, never refreshed again, ends
     * when its refresh token does (720 h).
     */
    private void disconnectLegacyInBackground(List<String> businessPks) {
        if (businessPks.isEmpty()) {
            return;
        }
        FreshContext.run(vertx, () -> Multi.createFrom().iterable(businessPks)
                        .onItem().transformToUniAndConcatenate(businessPk -> legacy.disconnect(businessPk)
                                .invoke(answer -> {
                                    if (answer.succeeded()) {
                                        LOG.infof("business %s moved to v4: its legacy connection is disconnected"
                                                + " at Thumbtack", businessPk);
                                    } else {
                                        metrics.legacyDisconnectFailed();
                                        LOG.warnf("business %s moved to v4, but Thumbtack's legacy disconnect-partner"
                                                + " failed (%s); its legacy tokens are erased here all the same",
                                                businessPk, answer.describe());
                                    }
                                }))
                        .collect().last())
                .subscribe().with(done -> { }, failure -> LOG.warnf("legacy disconnects failed: %s",
                        failure.getClass().getSimpleName()));
    }

    /**
     * Deletes the business's webhook at Thumbtack, then DISCONNECTED (event); the grant's tokens are
     * erased when no connected business of it is left.
     */
    public Uni<Void> disconnect(String businessPk) {
        return webhooks.unregister(businessPk)
                .chain(() -> store.markDisconnected(businessPk))
                .invoke(changed -> LOG.infof("v4 business %s disconnected", businessPk))
                .replaceWithVoid();
    }
}
