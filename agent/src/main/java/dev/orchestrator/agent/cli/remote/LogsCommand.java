package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator logs RUN}: a run's task log, and with {@code --follow} the lines still to come. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print a run's task log lines, oldest first, with the start and end of each attempt "
                    + "(retries, and the first line of each failure).",
            "With --json, the lines as a JSON array; with --json --follow, one JSON object per line.",
            AgentConnection.EXIT_CODES
        })
public final class LogsCommand implements Callable<Integer> {

    // the agent writes a running task's lines every 500 ms; asking more often would only find nothing new
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int PAGE_SIZE = 500;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "RUN", description = "The run's id (`orchestrator runs` shows them).")
    private String runId;

    @Option(names = "--task", paramLabel = "TASK", description = "Lines of this task only.")
    private String task;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines as they come, until the run ends.")
    private boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        ObjectMapper json = JsonMapper.create();
        PrintWriter out = spec.commandLine().getOut();
        HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
        ArrayNode collected = json.createArrayNode();
        long after = 0;
        java.util.Set<String> printedEvents = new java.util.HashSet<>();
        try (AgentClient agent = connection.open(json)) {
            while (true) {
                // asked before reading: every line written before the run ended is then read below
                JsonNode run = output.selected() && !follow
                        ? null
                        : output.selected()
                                ? agent.get(ApiPath.of("/api/v1/runs/{}", runId))
                                : RunDetailReader.read(agent, runId);
                boolean ended = !follow || RunWaiter.hasEnded(run);
                List<Entry> entries = new ArrayList<>();
                JsonNode lines;
                do {
                    lines = agent.get(ApiPath.of("/api/v1/runs/{}/logs", runId)
                                    .query("task", task)
                                    .query("after", after)
                                    .query("size", PAGE_SIZE))
                            .path("items");
                    for (JsonNode line : lines) {
                        after = line.path("id").asLong();
                        if (!output.selected()) {
                            entries.add(new Entry(
                                    AttemptEvents.time(line.path("time")).orElse(Instant.MIN),
                                    1,
                                    format(line, readable)));
                        } else if (follow) {
                            out.println(compact(json, line));
                        } else {
                            collected.add(line);
                        }
                    }
                } while (lines.size() == PAGE_SIZE);
                if (!output.selected()) {
                    // what the agent did with each attempt (started, retried, failed and why), among its lines
                    for (AttemptEvents.Event event : AttemptEvents.of(run, Optional.ofNullable(task))) {
                        if (printedEvents.add(event.key())) {
                            entries.add(new Entry(
                                    event.at(),
                                    event.key().endsWith("/start") ? 0 : 2,
                                    readable.time(text(event.at())) + "  " + String.format("%-5s", event.level()) + "  "
                                            + event.task() + ": " + event.message()));
                        }
                    }
                    entries.sort(Comparator.comparing(Entry::at).thenComparingInt(Entry::rank));
                    entries.forEach(entry -> out.println(entry.text()));
                }
                out.flush();
                if (ended) {
                    break;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        if (output.selected() && !follow) {
            JsonOption.print(out, json, collected);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code 2024-03-15 06:00:01  INFO   extract: 120 rows}; the attempt only when it is a retry. */
    static String format(JsonNode line, HumanReadable readable) {
        int attempt = line.path("attempt").asInt(1);
        return readable.time(line.path("time")) + "  "
                + String.format("%-5s", line.path("level").asText()) + "  "
                + line.path("task").asText() + (attempt > 1 ? " (attempt " + attempt + ")" : "") + ": "
                + line.path("message").asText();
    }

    /** A line to print, in time order; at the same instant an attempt's start comes first and its end last. */
    private record Entry(Instant at, int rank, String text) {}

    private static JsonNode text(Instant at) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(
                at.atOffset(java.time.ZoneOffset.UTC).toString());
    }

    private static String compact(ObjectMapper json, JsonNode line) {
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that was just parsed is always writable", e);
        }
    }
}
