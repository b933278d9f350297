package dev.orchestrator.bench;

import dev.orchestrator.desktop.editor.EditorModel;
import dev.orchestrator.desktop.editor.PipelineCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The editor's live validation of a 500-line pipeline file: from the last keystroke to the problems being
 * there to show, with the editor's own pause detection, on its I/O thread, as in the console. Target:
 * ≤ 100 ms after typing stops.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.EditorValidationBenchmark</pre>
 */
public final class EditorValidationBenchmark {

    private EditorValidationBenchmark() {}

    @SuppressWarnings("ReferenceEquality") // waits for a new result object, whatever its content
    public static void main(String[] args) throws Exception {
        String text = fiveHundredLines();
        System.out.printf("file: %d lines%n", text.split("\n").length);
        PipelineCheck check = new PipelineCheck(List.of(), Clock.systemUTC());
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long started = System.nanoTime();
            check.check("bench.yaml", text.replace("summary_" + (i % 42), "summary_" + (i % 42) + "_x"));
            if (i >= 20) {
                alone.add((System.nanoTime() - started) / 1_000);
            }
        }
        Collections.sort(alone);
        System.out.printf(
                "check alone: median %.1f ms, max %.1f ms%n",
                alone.get(alone.size() / 2) / 1000.0, alone.get(alone.size() - 1) / 1000.0);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        var io = Executors.newFixedThreadPool(2);
        EditorModel model = new EditorModel(io, Runnable::run, timer, Clock.systemUTC());
        List<Long> afterTyping = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // a word typed key by key, 30 ms apart, then a pause: timed from the last key to the check of the
            // final text being there (a new result object, not an equal one)
            String base = text.replace("summary_" + (i % 42), "summary_" + (i % 42) + "_");
            for (String key : List.of("a", "ab", "abc")) {
                model.edit(
                        model.documentProperty().get(),
                        base.replace("summary_" + (i % 42) + "_", "summary_" + (i % 42) + "_" + key));
                Thread.sleep(30);
            }
            PipelineCheck.Result before = model.resultProperty().get();
            String last = base.replace("summary_" + (i % 42) + "_", "summary_" + (i % 42) + "_abcd");
            String renamedTask = "summary_" + (i % 42) + "_abcd";
            long typed = System.nanoTime();
            model.edit(model.documentProperty().get(), last);
            long deadline = typed + TimeUnit.SECONDS.toNanos(5);
            while (model.resultProperty().get() == before
                    || model.resultProperty().get().pipelines().stream()
                            .noneMatch(pipeline -> pipeline.task(renamedTask).isPresent())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no check of the final text within 5 s");
                }
                Thread.sleep(1);
            }
            long millis = (System.nanoTime() - typed) / 1_000_000;
            if (i >= 20) {
                afterTyping.add(millis);
            }
        }
        Collections.sort(afterTyping);
        System.out.printf(
                "last keystroke -> problems ready: median %d ms, p90 %d ms, max %d ms (pause detection %d ms "
                        + "included)%n",
                afterTyping.get(afterTyping.size() / 2),
                afterTyping.get(afterTyping.size() * 9 / 10),
                afterTyping.get(afterTyping.size() - 1),
                50);
        timer.shutdownNow();
        io.shutdownNow();
    }

    /** 42 tasks of 12 lines each under one pipeline (510 lines), with templates, retries and dependencies. */
    static String fiveHundredLines() {
        StringBuilder yaml = new StringBuilder("""
                pipelines:
                  - id: big_report
                    name: A big report
                    schedule: { type: cron, cron_expr: "0 6 * * *", timezone: Europe/Berlin }
                    params: { region: north }
                    tasks:
                """);
        for (int i = 0; i < 42; i++) {
            yaml.append("      - id: summary_")
                    .append(i)
                    .append('\n')
                    .append("        name: Summary ")
                    .append(i)
                    .append('\n')
                    .append("        connector: shell\n")
                    .append("        action: run\n")
                    .append("        action_kwargs:\n")
                    .append("          command: sh\n")
                    .append("          args: [\"-c\", \"echo {{ params.region }} {{ yesterday }}\"]\n")
                    .append("        retry: { times: 2, delay_seconds: 5, backoff: 2 }\n")
                    .append("        timeout_seconds: 600\n")
                    .append("        trigger_rule: all_success\n");
            if (i > 0) {
                yaml.append("        depends_on: [summary_").append(i - 1).append("]\n");
            } else {
                yaml.append("        depends_on: []\n");
            }
            yaml.append("        # step ").append(i).append(" of the report\n");
        }
        return yaml.toString();
    }
}
