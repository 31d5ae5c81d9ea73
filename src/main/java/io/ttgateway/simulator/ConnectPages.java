package io.ttgateway.simulator;

import static io.ttgateway.simulator.Html.esc;
import static io.ttgateway.simulator.Html.hidden;

import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.SimBusinesses.Business;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The HTML of the simulated partner-connect flow. */
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
final class ConnectPages {

    private ConnectPages() {}

    static String confirm(ConnectRequest request, List<Business> businesses) {
        StringBuilder options = new StringBuilder();
        for (Business business : businesses) {
            options.append("<option value=\"").append(esc(business.businessId())).append("\">")
                    .append(esc(business.name())).append(" (").append(esc(business.businessId())).append(")</option>");
        }
        String body = "<h1>Thumbtack <span class=\"note\">(simulator)</span></h1>\n"
                + "<div class=\"card\"><p><b>" + esc(request.clientId()) + "</b> would like to connect to your Thumbtack"
                + " business with the scopes <b>" + esc(String.join(", ", request.scopes())) + "</b>.</p>\n"
                + "<form method=\"post\" action=\"/simulator/partner-connect\">\n"
                + hidden("client_id", request.clientId()) + hidden("redirect_uri", request.redirectUri())
                + hidden("response_type", request.responseType()) + hidden("scope", request.scope())
                + hidden("state", request.state()) + "\n"
                + "<p><label>Thumbtack business <select name=\"business_id\">" + options + "</select></label></p>\n"
                + "<p><label>or a new business named <input name=\"new_business\" maxlength=\"100\""
                + " placeholder=\"e.g. Ana's Plumbing\"></label></p>\n"
                + "<p><button type=\"submit\">Confirm Connection</button></p>\n</form>\n"
                + "<p class=\"note\">This page stands in for thumbtack.com/services/partner-connect in development."
                + (request.redirectOrNull() == null ? " Without a redirect_uri the code is shown here."
                        : " You will be sent back to " + esc(request.redirectUri()) + ".")
                + "</p></div>";
        return Html.page("Connect to Thumbtack (simulator)", body);
    }

    static String code(String code, Business business) {
        String body = "<h1>Thumbtack <span class=\"note\">(simulator)</span></h1>\n<div class=\"card\">"
                + "<p>Connected <b>" + esc(business.name()) + "</b>. Give this authorization code to the partner"
                + " (it expires in 5 minutes and works once):</p><p><code id=\"code\">" + esc(code) + "</code></p></div>";
        return Html.page("Authorization code (simulator)", body);
    }

    static Response problem(String message) {
        String body = "<h1>Thumbtack <span class=\"note\">(simulator)</span></h1>\n<div class=\"card\">"
                + "<p class=\"error\">This connection request cannot be completed.</p><p>" + esc(message) + "</p></div>";
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML_TYPE)
                .entity(Html.page("Connection problem (simulator)", body)).build();
    }
}
