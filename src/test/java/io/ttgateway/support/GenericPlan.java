package io.ttgateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The plan PostgreSQL keeps for a prepared statement once it settles on a generic one, over a table without
 * statistics: a new deployment's, or one grown faster than autovacuum analyses it (or with autovacuum off).
 * In a session of its own the table is shadowed by a temporary copy (same columns, constraints and indexes)
 * filled by a given statement: a temporary table comes first in the search path and is never analysed, so
 * the plan is the planner's guess in every run.
 */
public final class GenericPlan {

    private GenericPlan() {
    }

    /**
     * Each node of {@code sql}'s generic plan that reads a table or an index, as "Seq Scan on lead" or "Index
     * Scan on lead where (next_poll_at <= now())" (with the index condition, if any), with {@code table} filled
     * by {@code fill} first; {@code args} are the statement's parameters as SQL literals.
     */
    public static List<String> scans(String table, String fill, String sql, String... args) throws Exception {
        String schema = ConfigProvider.getConfig().getValue("gateway.db.schema", String.class);
        try (Connection connection = JdbcSession.open(); Statement statement = connection.createStatement()) {
            statement.execute("create temporary table " + table + " (like " + schema + "." + table + " including all)");
            statement.execute(fill);
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("prepare probe as " + sql);
            String execute = args.length == 0 ? "execute probe" : "execute probe(" + String.join(", ", args) + ")";
            try (ResultSet plan = statement.executeQuery("explain (format json) " + execute)) {
                plan.next();
                List<String> scans = new ArrayList<>();
                collect(new ObjectMapper().readTree(plan.getString(1)).get(0).get("Plan"), scans);
                return scans;
            }
        }
    }

    private static void collect(JsonNode node, List<String> scans) {
        if (node.has("Relation Name") || node.has("Index Name")) {
            StringBuilder scan = new StringBuilder(node.get("Node Type").asText());
            if (node.has("Relation Name")) {
                scan.append(" on ").append(node.get("Relation Name").asText());
            }
            if (node.has("Index Cond")) {
                scan.append(" where ").append(node.get("Index Cond").asText());
            }
            scans.add(scan.toString());
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, scans);
        }
    }
}
