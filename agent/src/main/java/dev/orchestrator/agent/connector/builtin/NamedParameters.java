package dev.orchestrator.agent.connector.builtin;

import dev.orchestrator.connector.NonRetryableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code select * from t where day = :day} into JDBC's {@code ?} placeholders, in order, leaving alone
 * what only looks like a parameter: text in quotes, quoted identifiers, comments and PostgreSQL casts
 * ({@code ::date}). Values are always bound, never pasted into the SQL.
 */
final class NamedParameters {

    /** The SQL with {@code ?} placeholders, and the values to bind in order. */
    record Parsed(String sql, List<Object> values) {}

    private NamedParameters() {}

    static Parsed parse(String query, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(query.length());
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '\'' || c == '"') {
                int end = query.indexOf(c, i + 1);
                end = end < 0 ? query.length() - 1 : end;
                sql.append(query, i, end + 1);
                i = end + 1;
            } else if (c == '-' && i + 1 < query.length() && query.charAt(i + 1) == '-') {
                int end = query.indexOf('\n', i);
                end = end < 0 ? query.length() : end;
                sql.append(query, i, end);
                i = end;
            } else if (c == ':' && i + 1 < query.length() && query.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < query.length() && Character.isJavaIdentifierStart(query.charAt(i + 1))) {
                int end = i + 1;
                while (end < query.length() && Character.isJavaIdentifierPart(query.charAt(end))) {
                    end++;
                }
                String name = query.substring(i + 1, end);
                if (params == null || !params.containsKey(name)) {
                    throw new NonRetryableException("the query uses :" + name + ", which params does not give; params: "
                            + (params == null ? "none" : params.keySet()));
                }
                sql.append('?');
                values.add(params.get(name));
                i = end;
            } else {
                sql.append(c);
                i++;
            }
        }
        return new Parsed(sql.toString(), values);
    }
}
