package dev.orchestrator.bench;

/** Generated pipeline files of a chosen size, shaped like real ones (templates, retries, dependencies). */
final class PipelineFiles {

    private PipelineFiles() {}

    /** One pipeline whose tasks form a chain: task i depends on task i-1 and takes its output. */
    static String chain(int tasks) {
        StringBuilder yaml = new StringBuilder(tasks * 320);
        yaml.append("pipelines:\n")
                .append("  - id: chain_")
                .append(tasks)
                .append('\n')
                .append("    schedule: { type: cron, cron_expr: \"0 6 * * *\", timezone: Europe/Berlin }\n")
                .append("    params: { region: eu }\n")
                .append("    max_concurrency: 4\n")
                .append("    tasks:\n");
        for (int i = 0; i < tasks; i++) {
            yaml.append("      - id: task_")
                    .append(i)
                    .append('\n')
                    .append("        connector: csv_file\n")
                    .append("        connector_config: { base_dir: data }\n")
                    .append("        action: push\n")
                    .append("        action_kwargs:\n")
                    .append("          path: \"out/part_")
                    .append(i)
                    .append("_{{ today }}.csv\"\n")
                    .append("          mode: overwrite\n")
                    .append("          note: \"{{ params.region }} run {{ run_id }}\"\n")
                    .append("        retry: { times: 2, delay_seconds: 1, backoff: 2.0 }\n")
                    .append("        timeout_seconds: 30\n");
            if (i > 0) {
                yaml.append("        depends_on: [task_")
                        .append(i - 1)
                        .append("]\n")
                        .append("        pass_output_from: task_")
                        .append(i - 1)
                        .append('\n');
            }
        }
        return yaml.toString();
    }
}
