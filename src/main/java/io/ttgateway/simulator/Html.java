package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;

/** Small helpers for the simulator's HTML pages: every echoed value goes through {@link #esc}. */
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
final class Html {

    static final String STYLE = """
            <style>
              body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:60rem;
                   padding:0 1rem;color:#1b1b1b;background:#fafafa}
              h1{font-size:1.5rem} h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
              .card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1.25rem;margin:1rem 0}
              .note{color:#555;font-size:.9rem} .error{color:#a40000}
              button{background:#009fd9;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;font-size:1rem;cursor:pointer}
              button.small{font-size:.85rem;padding:.3rem .7rem}
              table{border-collapse:collapse;width:100%;font-size:.85rem} td,th{border-bottom:1px solid #eee;
                   padding:.3rem;text-align:left;vertical-align:top} code{background:#eee;padding:0 .2rem}
              input,select{font-size:1rem;padding:.3rem} form.inline{display:inline-block;margin:.2rem .5rem .2rem 0}
            </style>
            """;

    private Html() {}

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + STYLE + "</head><body>\n" + body + "\n</body></html>\n";
    }

    static String hidden(String name, String value) {
        return value == null ? "" : "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
    }
}
