package io.ttgateway.business;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.common.ResourceNotFoundException;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ApiVersion;
import io.ttgateway.connection.Connection;
import io.ttgateway.connection.ConnectionRepository;
import io.ttgateway.connection.ConnectionService;
import io.ttgateway.connection.V4TokenRenewal;
import io.ttgateway.thumbtack.ThumbtackApi;
import io.ttgateway.thumbtack.ThumbtackCallException;
import io.ttgateway.thumbtack.ThumbtackInfo;
import io.ttgateway.thumbtack.ThumbtackResult;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Live calls to Thumbtack on behalf of one business: targeting, get-thumbtack-info, the staging
 * create-lead, and for a v4 connection the job status and the test negotiation. Thumbtack's legacy
 * answers map to the service's: its 400 and 404 pass through with its message, anything else it
 * refuses is 502, no answer in time is 504; a v4 refusal is 502, no v4 answer in time 504.
 * Which API applies is the business's connection's as it is now: v4 has no targeting, legacy no job status.
 */
@ApplicationScoped
public class BusinessCalls {

    private final ConnectionService connections;
    private final ThumbtackApi api;
    private final ConnectionRepository connectionRows;
    private final ThumbtackV4 v4;
    private final V4TokenRenewal renewal;

    BusinessCalls(ConnectionService connections, ThumbtackApi api, ConnectionRepository connectionRows,
            ThumbtackV4 v4, V4TokenRenewal renewal) {
        this.connections = connections;
        this.api = api;
        this.connectionRows = connectionRows;
        this.v4 = v4;
        this.renewal = renewal;
    }

    /** A job status as the partner API answers it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record JobStatusSet(String leadId, String status) {}

    public Uni<JsonNode> setTargeting(String businessId, String serviceId, String categoryId, Boolean enabled) {
        if (enabled == null) {
            throw InvalidInputException.field("enabled", "must be true or false");
        }
        return apiOf(businessId).chain(version -> {
            if (version == ApiVersion.V4) {
                throw new ConflictException("business " + businessId
                        + " is connected through Thumbtack's v4 API, which has no targeting calls");
            }
            return bearer(businessId)
                    .chain(token -> api.setTargeting(token, serviceId, categoryId, enabled))
                    .map(result -> unwrap(result, "setting targeting"));
        });
    }

    /**
     * POST /api/v4/negotiations/{l}/job-status for a v4 business. 404 for an unknown business, 409 for
     * a legacy one (the legacy API has no job status).
     */
    public Uni<JobStatusSet> setJobStatus(String businessId, String leadId, String wireStatus) {
        V4JobStatus status = V4JobStatus.fromWire(wireStatus).orElseThrow(() -> InvalidInputException.field("status",
                "must be one of " + Arrays.stream(V4JobStatus.values()).map(V4JobStatus::wireName)
                        .collect(Collectors.joining(", "))));
        return connections.get(businessId).chain(row -> {
            if (apiOf(row) != ApiVersion.V4) {
                throw new ConflictException("business " + businessId
                        + " is connected through Thumbtack's legacy API, which has no job status");
            }
            return bearer(businessId)
                    .chain(token -> renewal.call(businessId, token, bearer -> v4.jobStatus(bearer, leadId, status)))
                    .map(result -> {
                        result.orThrow("setting the job status");
                        return new JobStatusSet(leadId, status.wireName());
                    });
        });
    }

    private Uni<ApiVersion> apiOf(String businessId) {
        return connectionRows.findByBusinessPk(businessId).map(row -> row == null ? ApiVersion.LEGACY : apiOf(row));
    }

    private static ApiVersion apiOf(Connection row) {
        return row.apiVersion == null ? ApiVersion.LEGACY : row.apiVersion;
    }

    public Uni<ThumbtackInfo> thumbtackInfo(String businessId) {
        return bearer(businessId).chain(api::thumbtackInfo).map(result -> unwrap(result, "reading thumbtack info"));
    }

    /**
     * A v4 business: Thumbtack's test negotiation (POST /api/v4/businesses/{b}/webhooks/test-negotiation),
     * answered as Thumbtack answered it. Otherwise the legacy staging create-lead with the v1 credentials.
     */
    public Uni<JsonNode> createTestLead(String businessId) {
        if (businessId == null || businessId.isBlank()) {
            return createLegacyTestLead(businessId);
        }
        return apiOf(businessId).chain(version -> version == ApiVersion.V4
                ? bearer(businessId).chain(token -> renewal.call(businessId, token,
                                bearer -> v4.testNegotiation(bearer, businessId)))
                        .map(result -> result.orThrow("creating a test negotiation"))
                : createLegacyTestLead(businessId));
    }

    private Uni<JsonNode> createLegacyTestLead(String businessId) {
        if (api.v1Credentials().isEmpty()) {
            throw new ConflictException("creating test leads needs Thumbtack's v1 credentials:"
                    + " set THUMBTACK_V1_USERNAME and THUMBTACK_V1_PASSWORD");
        }
        return api.createTestLead(businessId).map(result -> unwrap(result, "creating a test lead"));
    }

    private Uni<String> bearer(String businessId) {
        return connections.accessTokenFor(businessId).map(token -> token.fold(AccessToken.Bearer::token,
                notConnected -> {
                    throw new ConflictException(notConnected.reason());
                },
                unavailable -> {
                    throw new ThumbtackCallException(502, unavailable.reason());
                }));
    }

    static <T> T unwrap(ThumbtackResult<T> result, String what) {
        return result.fold(body -> body, rejected -> {
            if (rejected.status() == 400) {
                throw new InvalidInputException(what + ": " + rejected.describe(), java.util.List.of());
            }
            if (rejected.status() == 404) {
                throw new ResourceNotFoundException(what + ": " + rejected.describe());
            }
            throw result.toException(what);
        }, failed -> {
            throw result.toException(what);
        });
    }
}
