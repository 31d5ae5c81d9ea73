package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Connections as the partner API shows them: v4 ones with their grant's expiries and their webhook's state. */
@ApplicationScoped
class ConnectionViews {

    private final GrantRepository grants;
    private final WebhookStore webhooks;

    ConnectionViews(GrantRepository grants, WebhookStore webhooks) {
        this.grants = grants;
        this.webhooks = webhooks;
    }

    Uni<ConnectionView> of(Connection connection) {
        return of(List.of(connection)).map(views -> views.get(0));
    }

    /** In the given order; two reads in all (grants, webhooks), whatever the number of connections. */
    Uni<List<ConnectionView>> of(List<Connection> connections) {
        List<Connection> v4 = connections.stream().filter(c -> c.apiVersion == ApiVersion.V4).toList();
        if (v4.isEmpty()) {
            return Uni.createFrom().item(connections.stream().map(ConnectionView::of).toList());
        }
        List<Long> grantIds = v4.stream().map(c -> c.grantId).filter(Objects::nonNull).distinct().toList();
        return grants.listByIds(grantIds).chain(grantRows -> webhooks.listByBusinesses(
                v4.stream().map(c -> c.businessPk).toList()).map(webhookRows -> {
                    Map<Long, OAuthGrant> grantById = grantRows.stream()
                            .collect(Collectors.toMap(g -> g.id, Function.identity()));
                    Map<String, RegisteredWebhook> hookByBusiness = webhookRows.stream()
                            .collect(Collectors.toMap(w -> w.businessId, Function.identity()));
                    return connections.stream().map(c -> c.apiVersion == ApiVersion.V4
                            ? ConnectionView.ofV4(c, c.grantId == null ? null : grantById.get(c.grantId),
                                    hookByBusiness.get(c.businessPk))
                            : ConnectionView.of(c)).toList();
                }));
    }
}
