package dev.orchestrator.diagnostic;

/**
 * Every check of the validator, with its stable code. Codes never change meaning; new checks get new codes.
 */
public enum DiagnosticCode {
    YAML_SYNTAX("YAML001", Severity.ERROR, "the file is not valid YAML"),
    DUPLICATE_KEY("YAML002", Severity.ERROR, "a key appears twice in one mapping"),
    ALIAS_EXPANSION("YAML003", Severity.ERROR, "aliases expand the file beyond what the loader reads"),
    VALUE_TOO_LONG("YAML004", Severity.ERROR, "a value longer than 1 MB, or a line longer than 256 KB"),
    WRONG_TYPE("TYPE001", Severity.ERROR, "a value has the wrong type"),
    UNKNOWN_KEY("KEY001", Severity.ERROR, "a key that the format does not know"),
    MISSING_KEY("KEY002", Severity.ERROR, "a required key is missing"),
    EXCLUSIVE_KEYS(
            "KEY003",
            Severity.ERROR,
            "two keys that exclude each other: retry.delays with backoff, delay_seconds or max_delay_seconds; "
                    + "for_each.from with for_each.items"),
    INVALID_VALUE("VAL001", Severity.ERROR, "a value outside the allowed choices"),
    INVALID_CLASS_NAME("VAL002", Severity.ERROR, "on_exceptions names something that is not a class name"),
    OUT_OF_RANGE("NUM001", Severity.ERROR, "a number outside its allowed range"),
    MAX_DELAY_BELOW_DELAY("NUM002", Severity.WARNING, "retry.max_delay_seconds caps every retry below delay_seconds"),
    INCLUDE_NOT_FOUND("FILE001", Severity.ERROR, "an included file does not exist"),
    INCLUDE_CYCLE("FILE002", Severity.ERROR, "files include each other"),
    UNREADABLE_FILE("FILE003", Severity.ERROR, "a file cannot be read"),
    NO_PIPELINES("FILE004", Severity.WARNING, "a file defines no pipelines"),
    INCLUDE_OUTSIDE("FILE005", Severity.ERROR, "include: names a file outside the config directory"),
    FILE_TOO_LARGE("FILE006", Severity.ERROR, "a pipeline file larger than 5 MB"),
    PLUGIN_FAILED("PLG001", Severity.ERROR, "a plugin in the plugins directory does not load or compile"),
    DUPLICATE_PIPELINE_ID("ID001", Severity.ERROR, "two pipelines share one id"),
    DUPLICATE_TASK_ID("ID002", Severity.ERROR, "two tasks of one pipeline share one id"),
    INVALID_ID("ID003", Severity.ERROR, "an id has characters that break URLs and commands"),
    SELF_DEPENDENCY("DAG001", Severity.ERROR, "a task depends on itself"),
    UNKNOWN_DEPENDENCY("DAG002", Severity.ERROR, "depends_on names a task that does not exist"),
    CYCLE("DAG003", Severity.ERROR, "tasks depend on each other in a cycle"),
    OUTPUT_NOT_A_DEPENDENCY("DAG004", Severity.ERROR, "pass_output_from names a task outside depends_on"),
    REPEATED_DEPENDENCY("DAG005", Severity.WARNING, "depends_on names a task twice"),
    FOR_EACH_NOT_A_DEPENDENCY("DAG006", Severity.ERROR, "for_each.from names a task outside depends_on"),
    MAX_PARALLEL_WITHOUT_FOR_EACH("MAP001", Severity.ERROR, "max_parallel on a task without for_each"),
    CALL_WITH_CONNECTOR(
            "CALL001",
            Severity.ERROR,
            "a task that calls a pipeline and also names a connector, an action or a rollback"),
    UNKNOWN_CALLED_PIPELINE("CALL002", Severity.ERROR, "pipeline: names a pipeline that does not exist"),
    CALL_CYCLE("CALL003", Severity.ERROR, "pipelines call each other in a cycle"),
    PARAMS_WITHOUT_CALL("CALL004", Severity.ERROR, "params: on a task that calls no pipeline"),
    PARAM_UNKNOWN_TYPE(
            "PAR001",
            Severity.ERROR,
            "a declared parameter's type is not string, integer, number, boolean, date or datetime"),
    PARAM_DEFAULT_WRONG_TYPE("PAR002", Severity.ERROR, "a declared parameter's default is not of its type"),
    PARAM_CHOICE_WRONG_TYPE("PAR003", Severity.ERROR, "an enum value of a declared parameter is not of its type"),
    PARAM_DEFAULT_NOT_A_CHOICE(
            "PAR004", Severity.ERROR, "a declared parameter's default is not one of its enum values"),
    NO_TASKS("PIPE001", Severity.WARNING, "a pipeline without tasks"),
    MISSING_CRON("SCH001", Severity.ERROR, "a cron schedule without cron_expr"),
    INVALID_CRON("SCH002", Severity.ERROR, "cron_expr is not a valid cron expression"),
    CRON_NEVER_FIRES("SCH003", Severity.WARNING, "cron_expr never fires"),
    MISSING_INTERVAL("SCH004", Severity.ERROR, "an interval schedule without interval_seconds"),
    INVALID_TIMEZONE("SCH005", Severity.ERROR, "timezone is not a known time zone"),
    INVALID_DATE("SCH006", Severity.ERROR, "start_date or end_date is not a date"),
    START_AFTER_END("SCH007", Severity.ERROR, "start_date comes after end_date"),
    IGNORED_SCHEDULE_KEY("SCH008", Severity.WARNING, "a schedule key that its type ignores"),
    MISSING_EVENT("SCH009", Severity.ERROR, "an event schedule without an event name"),
    INVALID_FINISH_BY("DEAD001", Severity.ERROR, "deadline.finish_by is not a time of day"),
    EMPTY_DEADLINE("DEAD002", Severity.ERROR, "a deadline that sets none of its keys"),
    DEADLINE_NEVER_CHECKED(
            "DEAD003", Severity.WARNING, "a deadline on a pipeline without a cron or interval schedule, never checked"),
    START_NOT_BEFORE_FINISH(
            "DEAD004", Severity.WARNING, "deadline.start_within_seconds is not shorter than finish_within_seconds"),
    UNKNOWN_POOL("POOL001", Severity.ERROR, "pool names a pool that no file declares under 'pools:'"),
    POOL_SLOTS_ABOVE_SIZE(
            "POOL002", Severity.ERROR, "pool_slots is larger than the pool, so the task could never start"),
    CONFLICTING_POOL_SIZE("POOL003", Severity.ERROR, "a pool declared twice with different sizes"),
    RESOURCES_ABOVE_AGENT(
            "RES001",
            Severity.ERROR,
            "resources ask for more memory or cpu than the agent may ever give, so the task could never start"),
    WAIT_WITH_CONNECTOR("WAIT001", Severity.ERROR, "a wait_for task that also names a connector or an action"),
    SENSOR_WITHOUT_CONNECTOR("WAIT002", Severity.ERROR, "a sensor on a task that calls no connector"),
    INVALID_EVENT_NAME("WAIT003", Severity.ERROR, "an event name with characters that break the events URL"),
    APPROVAL_WITH_CONNECTOR(
            "APR001",
            Severity.ERROR,
            "an approval task that also names a connector, an action, wait_for, a pipeline or a sensor"),
    INVALID_HOOK("HOOK001", Severity.ERROR, "a hook that is neither trigger:<id> nor hook:<name>"),
    UNKNOWN_TRIGGER_TARGET("HOOK002", Severity.ERROR, "trigger: names a pipeline that does not exist"),
    UNKNOWN_HOOK("HOOK003", Severity.ERROR, "hook: names a hook that no plugin provides"),
    SELF_TRIGGER("HOOK004", Severity.WARNING, "a pipeline triggers itself, a chain the agent stops at depth 10"),
    UNKNOWN_CONNECTOR("CON001", Severity.ERROR, "connector names a type that is not installed"),
    UNKNOWN_ACTION("CON002", Severity.ERROR, "action names a method the connector does not have"),
    UNKNOWN_ARGUMENT("CON003", Severity.ERROR, "action_kwargs has a key that is not a parameter of the action"),
    UNKNOWN_CHANNEL("NTF001", Severity.ERROR, "a notify channel that does not exist"),
    MISSING_CHANNEL_SETTING("NTF002", Severity.ERROR, "a notify channel without its required setting"),
    TEMPLATE_SYNTAX("TPL001", Severity.ERROR, "a template that does not parse"),
    UNKNOWN_TEMPLATE_VARIABLE("TPL002", Severity.ERROR, "a template uses a variable that does not exist"),
    UNDECLARED_PARAM("TPL003", Severity.WARNING, "a template uses a params entry with no default"),
    OUTPUT_OUTSIDE_DEPENDENCIES(
            "TPL004", Severity.ERROR, "a template reads outputs.<task> of a task outside depends_on"),
    ITEM_OUTSIDE_FOR_EACH(
            "TPL005",
            Severity.ERROR,
            "a template uses item or item_index outside the per-item values of a for_each task"),
    LITERAL_SECRET("SEC001", Severity.WARNING, "a credential written in the file instead of a ${VAR} reference"),
    MISSING_ENV_VAR("ENV001", Severity.ERROR, "${VAR} names an unset variable and gives no default"),
    MALFORMED_ENV_REFERENCE("ENV002", Severity.ERROR, "a ${...} reference that is not closed or has no name");

    private final String code;
    private final Severity severity;
    private final String summary;

    DiagnosticCode(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** One line on what the check is about, for documentation and the console's help. */
    public String summary() {
        return summary;
    }
}
