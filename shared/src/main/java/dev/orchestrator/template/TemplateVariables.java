package dev.orchestrator.template;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of SPEC 3, computed from a run's logical time in its pipeline's timezone (never from the wall
 * clock). Stateless.
 */
public final class TemplateVariables {

    public static final String PARAMS = "params";

    /** Every variable a template may use, in the order of SPEC 3. */
    public static final List<String> NAMES = List.of(
            "now", "today", "yesterday", "yesterday_iso", "week_start", "month_start", "run_id", "pipeline_id", PARAMS);

    /**
     * {@code outputs.<task>}: the outputs of the task's dependencies, by task id. Only tasks in the reading task's
     * {@code depends_on} may be read (the validator's TPL004). Not in {@link #NAMES}: the engine adds it per task.
     */
    public static final String OUTPUTS = "outputs";

    /** {@code item}: the current element of a {@code for_each} task. */
    public static final String ITEM = "item";

    /** {@code item_index}: the 0-based index of {@code item} in the list. */
    public static final String ITEM_INDEX = "item_index";

    /** The variables only a {@code for_each} task's per-item values may use (the validator's TPL005 elsewhere). */
    public static final List<String> FOR_EACH_NAMES = List.of(ITEM, ITEM_INDEX);

    private TemplateVariables() {}

    /**
     * @param logicalTime the scheduled fire time, the trigger time or the backfill date, in the pipeline's zone
     * @param params      the run's parameters (the trigger's over the pipeline's defaults)
     */
    public static Map<String, Object> forRun(
            ZonedDateTime logicalTime, String runId, String pipelineId, Map<String, Object> params) {
        ZonedDateTime now = logicalTime.truncatedTo(ChronoUnit.SECONDS);
        var today = now.toLocalDate();
        var yesterday = today.minusDays(1);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("now", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        variables.put("today", today.toString());
        variables.put("yesterday", yesterday.toString());
        variables.put(
                "yesterday_iso", yesterday.atStartOfDay(now.getZone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        variables.put(
                "week_start",
                today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
        variables.put("month_start", today.withDayOfMonth(1).toString());
        variables.put("run_id", runId);
        variables.put("pipeline_id", pipelineId);
        variables.put(PARAMS, Map.copyOf(params));
        return variables;
    }
}
