package io.ttgateway.connection;

import java.util.List;

/** The small HTML pages a pro's browser sees. Everything echoed is HTML-escaped. */
final class OAuthPages {

    private static final String START_AGAIN = "<p><a href=\"/oauth/connect\">Start again</a></p>";

    private OAuthPages() {}

    /** One business: as it always was; several (a v4 grant): one line each. {@code note} (may be null) below. */
    static String connected(List<Connection> connections, String note) {
        String extra = note == null ? "" : "<p>" + escape(note) + "</p>";
        if (connections.size() == 1) {
            Connection connection = connections.get(0);
            String name = name(connection);
            return page("Connected", "<h1>Connected: " + escape(name) + "</h1>"
                    + "<p>Thumbtack business " + escape(name) + " (ID " + escape(connection.businessPk)
                    + ") is connected. You can close this window.</p>" + extra);
        }
        StringBuilder list = new StringBuilder("<ul>");
        for (Connection connection : connections) {
            list.append("<li>").append(escape(name(connection))).append(" (ID ").append(escape(connection.businessPk))
                    .append(")</li>");
        }
        return page("Connected", "<h1>Connected: " + connections.size() + " Thumbtack businesses</h1>"
                + list.append("</ul>") + "<p>You can close this window.</p>" + extra);
    }

    private static String name(Connection connection) {
        return connection.businessName == null || connection.businessName.isBlank()
                ? "Your Thumbtack business" : connection.businessName;
    }

    static String problem(String title, String detail) {
        return page(title, "<h1>" + escape(title) + "</h1><p>" + escape(detail) + "</p>" + START_AGAIN);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - Thumbtack connection</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;"
                + "line-height:1.5;color:#222}h1{font-size:1.4rem}</style></head><body>"
                + body + "</body></html>\n";
    }
}
