package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code orchestrator audit}: who changed what, newest first; {@code --csv} for every matching entry. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the audit log: every state-changing request (trigger, cancel, retry, pause, save, tokens...) "
                    + "with who made it, its target and the HTTP status it got (403s too), newest first.",
            "Needs an admin token: the agent home's token file is one.",
            AgentConnection.EXIT_CODES
        })
public final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Option(names = "--who", paramLabel = "NAME", description = "Requests made with this token ('home': the file's).")
    private String who;

    @Option(names = "--action", paramLabel = "ACTION", description = "This action only, such as cancelRun.")
    private String action;

    @Option(
            names = "--target",
            paramLabel = "ID",
            description = "Requests on this run or pipeline (its tasks' included), or token.")
    private String target;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            converter = SinceConverter.class,
            description = "Requests since a time ago (30m, 12h, 7d), a date (2024-03-15, UTC) or a time with offset.")
    private String since;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page, from 1. Default: 1.")
    private int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "Entries a page. Default: 50.")
    private int size;

    @Option(names = "--csv", description = "Print every matching entry as CSV instead (no paging).")
    private boolean csv;

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = JsonMapper.create();
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient agent = connection.open(json)) {
            if (csv) {
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                agent.download(filters(ApiPath.of("/api/v1/audit/export.csv")), file);
                out.print(file.toString(StandardCharsets.UTF_8));
            } else {
                JsonNode answer = agent.get(
                        filters(ApiPath.of("/api/v1/audit")).query("page", page).query("size", size));
                if (output.selected()) {
                    JsonOption.print(out, json, answer);
                } else {
                    print(out, answer);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private ApiPath filters(ApiPath path) {
        return path.query("who", who)
                .query("action", action)
                .query("target", target)
                .query("from", since);
    }

    private static void print(PrintWriter out, JsonNode answer) {
        ZoneId zone = ZoneId.systemDefault();
        Table table = new Table("TIME", "WHO", "STATUS", "ACTION", "TARGET", "REQUEST");
        for (JsonNode entry : answer.path("items")) {
            table.row(
                    HumanReadable.time(entry.path("at"), zone),
                    entry.path("who").asText(),
                    entry.path("status").asText(),
                    entry.path("action").asText(),
                    entry.path("target").asText(),
                    entry.path("method").asText() + " " + entry.path("route").asText());
        }
        if (table.isEmpty()) {
            out.println("no audit entries match");
            return;
        }
        table.print(out);
        long total = answer.path("total").asLong();
        int shown = answer.path("items").size();
        if (total > shown) {
            out.println(shown + " of " + total + " entries (page "
                    + answer.path("page").asInt() + "); --page for more, --csv for all");
        }
    }

    /** {@code 30m}, {@code 12h}, {@code 7d} (ago), or a date or time as the API takes them. */
    static final class SinceConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            if (text.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                Duration ago = switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return Instant.now()
                        .minus(ago)
                        .atOffset(java.time.ZoneOffset.UTC)
                        .toString();
            }
            try {
                return new RunFilters.TimeConverter().convert(value);
            } catch (TypeConversionException | DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a time ago (30m, 12h, 7d), a date "
                        + "(2024-03-15) or a time with offset (2024-03-15T06:00:00+01:00)");
            }
        }
    }
}
