package dev.orchestrator.yaml;

import java.util.Set;

/** The keys of each part of the pipeline format (SPEC 2). Any other key, but {@code x-*}, is an error. */
public final class FormatKeys {

    public static final Set<String> FILE = Set.of("pipelines", "include", "pools");
    public static final Set<String> PIPELINE = Set.of(
            "id",
            "name",
            "description",
            "labels",
            "schedule",
            "params",
            "max_concurrency",
            "stop_on_failure",
            "timeout_seconds",
            "on_success",
            "on_failure",
            "notify",
            "deadline",
            "pool",
            "pool_slots",
            "resources",
            "tasks");
    public static final Set<String> SCHEDULE = Set.of(
            "type",
            "cron_expr",
            "timezone",
            "start_date",
            "end_date",
            "max_instances",
            "misfire",
            "interval_seconds",
            "event");
    public static final Set<String> NOTIFY =
            Set.of("on_task_failure", "on_pipeline_failure", "on_pipeline_success", "failure_threshold", "channels");
    public static final Set<String> DEADLINE = Set.of("start_within_seconds", "finish_within_seconds", "finish_by");
    public static final Set<String> CHANNEL = Set.of("name", "config");
    public static final Set<String> TASK = Set.of(
            "id",
            "name",
            "connector",
            "connector_config",
            "action",
            "action_kwargs",
            "depends_on",
            "pass_output_from",
            "retry",
            "timeout_seconds",
            "trigger_rule",
            "on_success",
            "on_failure",
            "wait_for",
            "sensor",
            "log_budget",
            "for_each",
            "max_parallel",
            "pipeline",
            "params",
            "run_if",
            "cache",
            "rollback",
            "approval",
            "pool",
            "pool_slots",
            "resources");
    public static final Set<String> RETRY =
            Set.of("times", "delay_seconds", "backoff", "max_delay_seconds", "jitter", "on_exceptions", "delays");
    public static final Set<String> WAIT_FOR = Set.of("event", "key");
    public static final Set<String> APPROVAL = Set.of("message", "timeout_seconds");
    public static final Set<String> SENSOR = Set.of("poke_interval_seconds");
    public static final Set<String> LOG_BUDGET = Set.of("lines", "mb", "keep_whole");
    public static final Set<String> FOR_EACH = Set.of("from", "items");
    /** A typed entry of {@code params:}: a mapping with {@code type}. */
    public static final Set<String> PARAM = Set.of("type", "default", "enum", "description", "required");

    public static final Set<String> CACHE = Set.of("key", "ttl_seconds");
    public static final Set<String> RESOURCES = Set.of("memory_mb", "cpu");
    public static final Set<String> ROLLBACK = Set.of("action", "action_kwargs");
    /** Keys whose value is always a list: a misspelt key with a single value never means them. */
    static final Set<String> LIST_ONLY = Set.of("delays");

    private FormatKeys() {}
}
