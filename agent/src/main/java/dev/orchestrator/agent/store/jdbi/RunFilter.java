package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunQuery;

import java.util.Locale;
import java.util.Map;

/** The {@code WHERE} clause of a run query on the {@code runs} table, with its bind values. */
final class RunFilter {

    private RunFilter() {
    }

    static String where(RunQuery query, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder(whereWithoutText(query, binds));
        query.text().ifPresent(text -> {
            // what the search index (RunSearch) finds, row by row: a piece of the pipeline id or of the reason, or
            // the start of the run id or of one of its parts after an underscore
            where.append(" AND (LOWER(run_id) LIKE :idStart OR LOWER(run_id) LIKE :partStart"
                    + " OR LOWER(pipeline_id) LIKE :text OR LOWER(COALESCE(reason, '')) LIKE :text)");
            String pattern = escaped(text.toLowerCase(Locale.ROOT));
            binds.put("idStart", pattern + "%");
            binds.put("partStart", "%\\_" + pattern + "%");
            binds.put("text", containing(text));
        });
        return where.toString();
    }

    /** The clause of every filter but the text. */
    static String whereWithoutText(RunQuery query, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        query.pipelineId().ifPresent(id -> {
            where.append(" AND pipeline_id = :pipelineId");
            binds.put("pipelineId", id);
        });
        query.status().ifPresent(status -> {
            where.append(" AND status = :status");
            binds.put("status", status.yamlName());
        });
        query.from().ifPresent(from -> {
            where.append(" AND created_at >= :from");
            binds.put("from", Times.utc(from));
        });
        query.to().ifPresent(to -> {
            where.append(" AND created_at < :to");
            binds.put("to", Times.utc(to));
        });
        return where.toString();
    }

    /** A LIKE pattern for text anywhere, any case, with the pattern characters in it taken literally. */
    static String containing(String text) {
        return "%" + escaped(text.toLowerCase(Locale.ROOT)) + "%";
    }

    /** Text for a LIKE pattern, its pattern characters taken literally. */
    static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
