package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code orchestrator runs}: the run history, newest first, filtered and paged. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List runs, newest first, filtered and one page at a time. With --cancel or --retry, cancel or retry "
                    + "every run the filters select (at most 1000): the runs are listed first, and you are asked.",
            AgentConnection.EXIT_CODES
        })
public final class RunsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private RunFilters filters;

    @Mixin
    private JsonOption output;

    @Option(
            names = "--page",
            paramLabel = "N",
            defaultValue = "1",
            description = "Page, from 1. Default: " + "${DEFAULT-VALUE}")
    private int page;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Runs per page, 1 to 500. " + "Default: ${DEFAULT-VALUE}")
    private int size;

    @Option(names = "--cancel", description = "Cancel every run the filters select that has not ended.")
    private boolean cancel;

    @Option(names = "--retry", description = "Retry every failed, cancelled or crashed run the filters select.")
    private boolean retry;

    @Option(
            names = "--yes",
            description = "With --cancel or --retry: act without listing and asking first (for scripts).")
    private boolean yes;

    @Override
    public Integer call() {
        if (cancel || retry || yes) {
            return bulk();
        }
        if (page < 1 || size < 1 || size > 500) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--page must be at least 1 and --size between 1 and " + "500; got --page " + page + " --size "
                            + size);
        }
        ObjectMapper json = JsonMapper.create();
        JsonNode runs;
        JsonNode pipelines;
        try (AgentClient agent = connection.open(json)) {
            runs = agent.get(filters.applyTo(ApiPath.of("/api/v1/runs"))
                    .query("page", page)
                    .query("size", size));
            // for each logical time in its pipeline's zone
            pipelines = output.selected() ? null : agent.get(ApiPath.of("/pipelines"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, runs);
        } else {
            long total = runs.path("total").asLong();
            if (runs.path("items").isEmpty()) {
                out.println(total == 0 ? "no runs match" : "no runs on page " + page + " (" + total + " runs match)");
            } else {
                HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
                new RunRows(readable, RunRows.zones(pipelines, readable))
                        .table(runs.path("items"))
                        .print(out);
                long pages = (total + size - 1) / size;
                out.println("page " + page + " of " + pages + " (" + total + (total == 1 ? " run)" : " runs)")
                        + (page < pages ? "; --page " + (page + 1) + " for more" : ""));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int bulk() {
        if (cancel == retry) {
            throw new ParameterException(
                    spec.commandLine(), "give one of --cancel and --retry" + (yes ? " with --yes" : ""));
        }
        java.util.Map<String, Object> filter = filters.asFilter();
        if (filter.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--" + (cancel ? "cancel" : "retry") + " acts on the runs the filters select: give at least "
                            + "one of --pipeline, --status, --from, --to, --search");
        }
        ObjectMapper json = JsonMapper.create();
        PrintWriter out = spec.commandLine().getOut();
        int exitCode;
        try (AgentClient agent = connection.open(json)) {
            exitCode = new BulkRunAction(cancel ? "cancel" : "retry", filter, output.selected())
                    .run(
                            agent,
                            json,
                            yes,
                            BulkRunAction.terminal(),
                            out,
                            spec.commandLine().getErr());
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
