package io.ttgateway.simulator;

import static io.ttgateway.simulator.Html.esc;

import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.ttgateway.simulator.SimBusinesses.Business;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/** The HTML of GET /simulator. */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class DashboardPage {

    private final ActivityLog log;
    private final SimOAuth oauth;
    private final SimBusinesses businesses;

    DashboardPage(ActivityLog log, SimOAuth oauth, SimBusinesses businesses) {
        this.log = log;
        this.oauth = oauth;
        this.businesses = businesses;
    }

    public String render() {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Thumbtack simulator <span class=\"note\">(dev only)</span></h1>\n")
                .append("<p class=\"note\">pro-api at <code>/simulator/pro-api</code>, partner-connect at")
                .append(" <code>/simulator/partner-connect</code>, JSON under <code>/simulator/control</code>.")
                .append(" Connect a pro: <a href=\"/oauth/connect\">/oauth/connect</a>.</p>\n");
        body.append("<div class=\"card\"><b>Deliver a webhook to the service</b><br>")
                .append(form("deliver/lead", businessSelect(), "New lead"))
                .append(form("deliver/message", leadSelect() + " <input name=\"text\" placeholder=\"message text\">",
                        "Customer message"))
                .append(form("deliver/lead-update", leadSelect(), "Lead update"))
                .append(form("deliver/review", businessSelect(), "Review"))
                .append("<br><b>Shape the next answers</b><br>")
                .append(form("next-refresh-null", "", "Answer the next refresh with null"))
                .append(form("expire-access-tokens", "", "Expire all access tokens"))
                .append("</div>\n");
        body.append(table("Connections (live token pairs)", oauth.connections(),
                List.of("business", "scopes", "access token expires", "client"),
                c -> List.of(c.businessName() + " (" + c.businessId() + ")", String.join(", ", c.scopes()),
                        c.accessExpiresAt(), c.clientId())));
        body.append(table("Messages received", log.messages(), List.of("at", "api", "business", "lead", "text"),
                m -> List.of(m.at(), m.api(), m.businessId(), m.leadId(), m.text())));
        body.append(table("Targeting changes received", log.targeting(),
                List.of("at", "business / service", "category", "enabled"),
                t -> List.of(t.at(), t.serviceId(), t.categoryId() == null ? "(all)" : t.categoryId(), t.enabled())));
        body.append(table("Disconnects received", log.disconnects(), List.of("at", "business", "client", "token pairs revoked"),
                d -> List.of(d.at(), d.businessId(), d.clientId(), d.revokedTokens())));
        body.append(table("Token requests received", log.tokenRequests(), List.of("at", "grant type", "business", "outcome"),
                t -> List.of(t.at(), t.grantType(), t.businessId() == null ? "" : t.businessId(), t.outcome())));
        body.append(webhookTable(log.webhooks()));
        return Html.page("Thumbtack simulator", body.toString());
    }

    private static String form(String action, String fields, String label) {
        return "<form class=\"inline\" method=\"post\" action=\"/simulator/ui/" + action + "\">" + fields
                + " <button class=\"small\" type=\"submit\">" + esc(label) + "</button></form>";
    }

    private String businessSelect() {
        StringBuilder select = new StringBuilder("<select name=\"businessId\"><option value=\"\">last connected business</option>");
        for (Business business : businesses.all()) {
            select.append("<option value=\"").append(esc(business.businessId())).append("\">")
                    .append(esc(business.name())).append("</option>");
        }
        return select.append("</select>").toString();
    }

    private String leadSelect() {
        StringBuilder select = new StringBuilder("<select name=\"leadId\"><option value=\"\">last lead</option>");
        businesses.lastLead().ifPresent(lead -> select.append("<option value=\"").append(esc(lead.leadId())).append("\">")
                .append(esc(lead.leadId() + " (" + lead.businessName() + ")")).append("</option>"));
        return select.append("</select>").toString();
    }

    private static <T> String table(String title, List<T> rows, List<String> headers, Function<T, List<Object>> cells) {
        StringBuilder html = new StringBuilder("<h2>").append(esc(title)).append(" (").append(rows.size()).append(")</h2>");
        if (rows.isEmpty()) {
            return html.append("<p class=\"note\">none yet</p>\n").toString();
        }
        html.append("<table><tr>");
        headers.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr>");
        for (T row : rows) {
            html.append("<tr>");
            cells.apply(row).forEach(cell -> html.append("<td>").append(esc(cell)).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table>\n").toString();
    }

    private static String webhookTable(List<SentWebhook> sent) {
        StringBuilder html = new StringBuilder("<h2>Webhooks sent (").append(sent.size()).append(")</h2>");
        if (sent.isEmpty()) {
            return html.append("<p class=\"note\">none yet</p>\n").toString();
        }
        html.append("<table><tr><th>at</th><th>webhook</th><th>service answered</th><th>payload</th></tr>");
        for (SentWebhook webhook : sent) {
            String answer = webhook.status() == null ? "no answer: " + webhook.error()
                    : webhook.status() + " " + webhook.response();
            html.append("<tr><td>").append(esc(webhook.at())).append("</td><td>").append(esc(webhook.method() + " "
                    + webhook.url())).append("</td><td>").append(esc(answer)).append("</td><td><details><summary>")
                    .append(esc(webhook.kind())).append("</summary><pre>").append(esc(webhook.payload().toPrettyString()))
                    .append("</pre></details></td></tr>");
        }
        return html.append("</table>\n").toString();
    }
}
