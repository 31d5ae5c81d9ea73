package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.SimBusinesses.Business;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The simulated partner-connect page (reference: Authentication, steps 2 to 4). GET shows the pro a
 * choice of business and one "Confirm Connection" button; the form POST issues a single-use code and
 * redirects to {@code redirect_uri?code=…&scope=…&state=…}, or shows the code when there is no redirect_uri.
 */
@Path("/simulator/partner-connect")
@Produces(MediaType.TEXT_HTML)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class PartnerConnectResource {

    private static final int MAX_NAME = 100;

    private final SimOAuth oauth;
    private final SimClients clients;
    private final SimBusinesses businesses;

    PartnerConnectResource(SimOAuth oauth, SimClients clients, SimBusinesses businesses) {
        this.oauth = oauth;
        this.clients = clients;
        this.businesses = businesses;
    }

    @GET
    public Response page(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
            @QueryParam("state") String state) {
        ConnectRequest request = new ConnectRequest(clientId, redirectUri, responseType, scope, state);
        Optional<String> problem = request.problem(clients.clientId());
        if (problem.isPresent()) {
            return ConnectPages.problem(problem.get());
        }
        SimBusinesses.SAMPLE_NAMES.forEach(businesses::named);
        return Response.ok(ConnectPages.confirm(request, businesses.all())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("client_id") String clientId, @FormParam("redirect_uri") String redirectUri,
            @FormParam("response_type") String responseType, @FormParam("scope") String scope,
            @FormParam("state") String state, @FormParam("business_id") String businessId,
            @FormParam("new_business") String newBusiness) {
        ConnectRequest request = new ConnectRequest(clientId, redirectUri, responseType, scope, state);
        Optional<String> problem = request.problem(clients.clientId());
        if (problem.isPresent()) {
            return ConnectPages.problem(problem.get());
        }
        Optional<Business> business = chosen(businessId, newBusiness);
        if (business.isEmpty()) {
            return ConnectPages.problem("Pick a business or type the name of a new one (at most " + MAX_NAME + " characters).");
        }
        String code = oauth.issueCode(clientId, request.redirectOrNull(), request.scopes(), business.get());
        if (request.redirectOrNull() == null) {
            return Response.ok(ConnectPages.code(code, business.get())).build();
        }
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + enc(code)
                + "&scope=" + enc(scope) + (state == null ? "" : "&state=" + enc(state));
        return Response.status(Response.Status.FOUND).location(URI.create(location)).build();
    }

    private Optional<Business> chosen(String businessId, String newBusiness) {
        if (newBusiness != null && !newBusiness.isBlank()) {
            String name = newBusiness.strip();
            return name.length() > MAX_NAME ? Optional.empty() : Optional.of(businesses.named(name));
        }
        return Optional.ofNullable(businessId).flatMap(businesses::find);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
