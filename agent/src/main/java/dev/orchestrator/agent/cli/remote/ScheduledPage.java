package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A page of a listing by scheduled time, newest first, as {@code fires} and {@code deadlines} show it: the
 * {@code --from}, {@code --to}, {@code --page} and {@code --size} options, the request, and the lines around the
 * table (nothing found, which page of how many).
 */
final class ScheduledPage {

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = RunFilters.TimeConverter.class,
            description = "Scheduled at or after this date (2024-03-15, midnight UTC) or time with offset.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = RunFilters.TimeConverter.class,
            description = "Scheduled before this date or time, as for --from.")
    String to;

    @Option(
            names = "--page",
            paramLabel = "N",
            defaultValue = "1",
            description = "Page, from 1. Default: " + "${DEFAULT-VALUE}")
    int page;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Rows per page, 1 to 500. " + "Default: ${DEFAULT-VALUE}")
    int size;

    /** This page of {@code path} (an API listing), of one pipeline or of all when {@code pipelineId} is null. */
    JsonNode fetch(CommandSpec spec, AgentClient agent, String path, String pipelineId) {
        if (page < 1 || size < 1 || size > 500) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--page must be at least 1 and --size between 1 and " + "500; got --page " + page + " --size "
                            + size);
        }
        return agent.get(ApiPath.of(path)
                .query("pipeline", pipelineId)
                .query("from", from)
                .query("to", to)
                .query("page", page)
                .query("size", size));
    }

    /** The line for an empty page: beyond the last one, or nothing at all ({@code none}) of the pipeline. */
    void printEmpty(PrintWriter out, JsonNode answer, String plural, String none, String pipelineId) {
        long total = answer.path("total").asLong();
        out.println(
                total > 0
                        ? "no " + plural + " on page " + page + " (" + total + " match)"
                        : none + (pipelineId == null ? "" : " of " + pipelineId));
    }

    /** The line under the table: which page of how many, and how to see more. */
    void printFooter(PrintWriter out, JsonNode answer, String singular, String plural) {
        long total = answer.path("total").asLong();
        long pages = (total + size - 1) / size;
        out.println("page " + page + " of " + pages + " (" + total + " " + (total == 1 ? singular : plural) + ")"
                + (page < pages ? "; --page " + (page + 1) + " for more" : ""));
    }
}
