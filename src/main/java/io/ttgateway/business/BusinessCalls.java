package io.ttgateway.business;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.common.NotFoundException;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ConnectionService;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackCallException;
import io.ttgateway.thumbtack.ThumbtackInfo;
import io.ttgateway.thumbtack.ThumbtackPartnerCalls;
import io.ttgateway.thumbtack.ThumbtackResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live calls to Thumbtack on behalf of one business: targeting, get-thumbtack-info, and the staging
 * create-lead. Thumbtack's answers map to the service's: its 400 and 404 pass through with its
 * message, anything else it refuses is 502, no answer in time is 504.
 */
@ApplicationScoped
public class BusinessCalls {

    private final ConnectionService connections;
    private final ThumbtackApi api;
    private final ThumbtackPartnerCalls partnerCalls;

    BusinessCalls(ConnectionService connections, ThumbtackApi api, ThumbtackPartnerCalls partnerCalls) {
        this.connections = connections;
        this.api = api;
        this.partnerCalls = partnerCalls;
    }

    public Uni<JsonNode> setTargeting(String businessId, String serviceId, String categoryId, Boolean enabled) {
        if (enabled == null) {
            throw InvalidInputException.field("enabled", "must be true or false");
        }
        return bearer(businessId)
                .chain(token -> partnerCalls.setTargeting(token, serviceId, categoryId, enabled))
                .map(result -> unwrap(result, "setting targeting"));
    }

    public Uni<ThumbtackInfo> thumbtackInfo(String businessId) {
        return bearer(businessId).chain(api::thumbtackInfo).map(result -> unwrap(result, "reading thumbtack info"));
    }

    public Uni<JsonNode> createTestLead(String businessId) {
        if (partnerCalls.v1Credentials().isEmpty()) {
            throw new ConflictException("creating test leads needs Thumbtack's v1 credentials:"
                    + " set THUMBTACK_V1_USERNAME and THUMBTACK_V1_PASSWORD");
        }
        return partnerCalls.createTestLead(businessId).map(result -> unwrap(result, "creating a test lead"));
    }

    private Uni<String> bearer(String businessId) {
        return connections.accessTokenFor(businessId).map(token -> {
            if (token instanceof AccessToken.Bearer bearer) {
                return bearer.token();
            }
            if (token instanceof AccessToken.NotConnected notConnected) {
                throw new ConflictException(notConnected.reason());
            }
            throw new ThumbtackCallException(502, ((AccessToken.Unavailable) token).reason());
        });
    }

    static <T> T unwrap(ThumbtackResult<T> result, String what) {
        if (result instanceof ThumbtackResult.Ok<T> ok) {
            return ok.body();
        }
        if (result instanceof ThumbtackResult.Rejected<T> rejected && rejected.status() == 400) {
            throw new InvalidInputException(what + ": " + rejected.describe(), java.util.List.of());
        }
        if (result instanceof ThumbtackResult.Rejected<T> rejected && rejected.status() == 404) {
            throw new NotFoundException(what + ": " + rejected.describe());
        }
        throw result.toException(what);
    }
}
