package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code orchestrator backfill ID --from D --to D}: the runs a past date range should have had. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Create a run for each scheduled time from --from to --to, both days included, with "
                    + "that logical time (one a day for pipelines without a schedule).",
            AgentConnection.EXIT_CODES
        })
public final class BackfillCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "ID", description = "The pipeline to backfill.")
    private String pipelineId;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DATE",
            converter = DateConverter.class,
            description = "First day, such as 2024-03-01.")
    private LocalDate from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "DATE",
            converter = DateConverter.class,
            description = "Last day, such as 2024-03-10.")
    private LocalDate to;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        Map<String, String> logicalTimes = Map.of();
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(
                    ApiPath.of("/api/v1/pipelines/{}/backfill", pipelineId),
                    Map.of("from", from.toString(), "to", to.toString()));
            if (!output.selected()) {
                logicalTimes = logicalTimes(agent, answer.path("run_ids"));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            JsonNode runIds = answer.path("run_ids");
            out.println("backfill of " + pipelineId + " from " + from + " to " + to + ": " + runIds.size()
                    + (runIds.size() == 1 ? " run" : " runs"));
            for (JsonNode runId : runIds) {
                out.println("  " + runId.asText() + "  "
                        + logicalTimes.getOrDefault(runId.asText(), HumanReadable.NOTHING));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Each run's logical time in its pipeline's zone, named. */
    private Map<String, String> logicalTimes(AgentClient agent, JsonNode runIds) {
        java.time.ZoneId zone = new HumanReadable(java.time.ZoneId.systemDefault())
                .zoneOr(agent.get(ApiPath.of("/pipeline/{}", pipelineId)).path("timezone"));
        Map<String, String> times = new java.util.HashMap<>();
        for (JsonNode runId : runIds) {
            JsonNode run =
                    agent.get(ApiPath.of("/api/v1/runs/{}", runId.asText()).query("view", "summary"));
            times.put(runId.asText(), HumanReadable.time(run.path("logical_time"), zone));
        }
        return times;
    }

    /** A date as the API takes it; picocli's own message would quote a Java exception. */
    static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date such as 2024-03-01");
            }
        }
    }
}
