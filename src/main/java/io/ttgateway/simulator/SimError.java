package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the simulated pro-api: the status plus {"error": code, "error_description": text}
 * (OAuth 2.0 style; the reference documents the statuses, not the error body).
 */
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
final class SimError extends WebApplicationException {

    private SimError(Response response) {
        super(response);
    }

    static SimError of(int status, String error, String description) {
        return new SimError(answer(status, error, description).build());
    }

    static SimError badRequest(String error, String description) {
        return of(400, error, description);
    }

    /** 401 for a missing or wrong client Basic credential (token and disconnect endpoints, /v1 calls). */
    static SimError badClient(String description) {
        return new SimError(answer(401, "invalid_client", description)
                .header("WWW-Authenticate", "Basic realm=\"thumbtack\"").build());
    }

    /** 401 for a missing, unknown, expired or revoked bearer token. */
    static SimError badToken(String description) {
        return new SimError(answer(401, "invalid_token", description)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build());
    }

    static SimError forbidden(String description) {
        return of(403, "forbidden", description);
    }

    static SimError notFound(String description) {
        return of(404, "not_found", description);
    }

    /** An error of the simulated v4 API: RFC 7807 {"type", "title", "status", "detail"} (reference v4: Errors). */
    static SimError problem(int status, String title, String detail) {
        return new SimError(problemAnswer(status, title, detail).build());
    }

    static Response.ResponseBuilder problemAnswer(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        return status == 401 ? answer.header("WWW-Authenticate", "Bearer error=\"invalid_token\"") : answer;
    }

    /** A v4 field is missing or wrong: 400 naming it. */
    static SimError badField(String field, String problem) {
        return problem(400, "Bad Request", field + " " + problem);
    }

    /** A v4 call with a token minted for another audience (reference v4: OAuth 2.0, audience). */
    static SimError proxyOAuthFailed(String description) {
        return of(502, "proxy_oauth_failed", description);
    }

    static Response.ResponseBuilder answer(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
