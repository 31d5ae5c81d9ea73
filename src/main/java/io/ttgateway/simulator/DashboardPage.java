package io.ttgateway.simulator;

import static io.ttgateway.simulator.Html.esc;

import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.ttgateway.simulator.SimBusinesses.Business;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** The HTML of GET /simulator. */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class DashboardPage {

    private final ActivityLog log;
    private final SimOAuth oauth;
    private final SimBusinesses businesses;
    private final SimV4Users v4Users;
    private final SimV4Auth v4Auth;
    private final SimV4Data v4Data;

    DashboardPage(ActivityLog log, SimOAuth oauth, SimBusinesses businesses, SimV4Users v4Users, SimV4Auth v4Auth,
            SimV4Data v4Data) {
        this.log = log;
        this.oauth = oauth;
        this.businesses = businesses;
        this.v4Users = v4Users;
        this.v4Auth = v4Auth;
        this.v4Data = v4Data;
    }

    public String render() {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Thumbtack simulator <span class=\"note\">(dev only)</span></h1>\n")
                .append("<p class=\"note\">Legacy pro-api first; the current API (v4) <a href=\"#v4\">below</a>.</p>\n")
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
        body.append(v4());
        return Html.page("Thumbtack simulator", body.toString());
    }

    /** The v4 half: its users and businesses, grants, webhooks, leads, messages, token requests, job statuses. */
    private String v4() {
        StringBuilder html = new StringBuilder("<h1 id=\"v4\">Thumbtack v4</h1>\n")
                .append("<p class=\"note\">auth server at <code>/simulator/v4-auth/oauth2/{auth,token}</code>, API at")
                .append(" <code>/simulator/v4-api/api/v4/…</code>, JSON under <code>/simulator/control/v4</code>.")
                .append(" Connect a pro: <a href=\"/oauth/v4/connect\">/oauth/v4/connect</a>. Deliveries are in")
                .append(" \"Webhooks sent\" above (kind v4 …).</p>\n");
        List<SimV4Data.Negotiation> negotiations = v4Data.negotiations();
        html.append("<div class=\"card\"><b>Deliver to the business's registered webhooks</b><br>")
                .append(form("v4/deliver/lead", v4BusinessSelect(), "New lead"))
                .append(form("v4/deliver/message", negotiationSelect(negotiations)
                        + " <input name=\"text\" placeholder=\"message text\">", "Customer message"))
                .append(form("v4/deliver/pro-message", negotiationSelect(negotiations)
                        + " <input name=\"text\" placeholder=\"message text\">", "Pro's message in Thumbtack's app"))
                .append(form("v4/deliver/review", v4BusinessSelect(), "Review"))
                .append("<br><b>Shape the next answers</b><br>")
                .append(form("v4/expire-access-tokens", "", "Expire all v4 access tokens"))
                .append("</div>\n");
        html.append(table("v4 users and their businesses", v4Users.all(), List.of("user", "email", "businesses"),
                u -> List.of(u.firstName() + " " + u.lastName() + " (" + u.userId() + ")", u.email(),
                        String.join(", ", u.businesses().stream().map(b -> b.name() + " (" + b.businessId() + ")").toList()))));
        html.append(table("v4 grants (connected pros)", v4Auth.grants(),
                List.of("user", "businesses", "scopes", "audience", "access token expires", "refresh token"),
                g -> List.of(g.userId(), String.join(", ", g.businessIds()), String.join(" ", g.scopes()),
                        g.audience() == null ? "(none)" : g.audience(), g.accessExpiresAt(),
                        g.refreshable() ? "live" : "none")));
        html.append(table("v4 webhooks registered", v4Data.allWebhooks(),
                List.of("business", "webhook", "URL", "enabled", "auth type", "event types"),
                w -> List.of(w.businessId(), w.webhookId(), w.url(), w.enabled(), w.auth().authType(),
                        String.join(", ", w.eventTypes()))));
        html.append(table("v4 leads (negotiations)", negotiations,
                List.of("negotiation", "business", "created", "leadPrice", "chargeState", "status", "job status"),
                n -> List.of(n.negotiationId(), n.data().path("business").path("name").asText() + " (" + n.businessId()
                        + ")", n.data().path("createdAt").asText(), n.data().path("leadPrice").asText(),
                        n.data().path("chargeState").asText(), n.data().path("status").asText(),
                        n.jobStatus() == null ? "" : n.jobStatus())));
        List<ObjectNode> messages = negotiations.stream().limit(20)
                .flatMap(n -> v4Data.messages(n.negotiationId()).stream()).toList();
        html.append(table("v4 messages (of the 20 newest leads)", messages,
                List.of("sent", "negotiation", "from", "messageID", "text"),
                m -> List.of(m.path("sentAt").asText(), m.path("negotiationID").asText(), m.path("from").asText(),
                        m.path("messageID").asText(), m.path("text").asText())));
        html.append(table("v4 token requests received", log.v4TokenRequests(),
                List.of("at", "grant type", "user", "businesses", "outcome"),
                t -> List.of(t.at(), t.grantType(), t.userId() == null ? "" : t.userId(),
                        String.join(", ", t.businessIds()), t.outcome())));
        html.append(table("v4 job statuses received", log.jobStatuses(),
                List.of("at", "business", "negotiation", "status"),
                j -> List.of(j.at(), j.businessId(), j.negotiationId(), j.status())));
        return html.toString();
    }

    private String v4BusinessSelect() {
        StringBuilder select = new StringBuilder("<select name=\"businessId\"><option value=\"\">first business of the"
                + " latest grant</option>");
        for (SimV4Users.User user : v4Users.all()) {
            for (SimV4Users.V4Business business : user.businesses()) {
                select.append("<option value=\"").append(esc(business.businessId())).append("\">")
                        .append(esc(business.name())).append("</option>");
            }
        }
        return select.append("</select>").toString();
    }

    private static String negotiationSelect(List<SimV4Data.Negotiation> negotiations) {
        StringBuilder select = new StringBuilder("<select name=\"negotiationId\"><option value=\"\">last lead</option>");
        negotiations.stream().limit(20).forEach(n -> select.append("<option value=\"").append(esc(n.negotiationId()))
                .append("\">").append(esc(n.negotiationId() + " (" + n.data().path("business").path("name").asText() + ")"))
                .append("</option>"));
        return select.append("</select>").toString();
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
