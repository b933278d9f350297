package dev.orchestrator.agent.cli.remote;

import dev.orchestrator.model.RunState;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Which runs: the run list's filters ({@code pipeline}, {@code status}, {@code from}, {@code to}, {@code q}). */
final class RunFilters {

    @Option(names = "--pipeline", paramLabel = "ID", description = "Runs of this pipeline only.")
    private String pipeline;

    @Option(
            names = "--status",
            paramLabel = "STATE",
            converter = RunStateConverter.class,
            description = "Runs in this state only: queued, running, success, failed, cancelled or crashed.")
    private RunState status;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "Runs created at or after this date (2024-03-15, midnight UTC) or time with offset "
                    + "(2024-03-15T06:00:00+01:00).")
    private String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "Runs created before this date or time, as for --from.")
    private String to;

    @Option(
            names = {"-q", "--search"},
            paramLabel = "TEXT",
            description = "Runs whose id, pipeline id or reason contains this text, in any case.")
    private String search;

    ApiPath applyTo(ApiPath path) {
        return path.query("pipeline", pipeline)
                .query("status", status == null ? null : status.yamlName())
                .query("from", from)
                .query("to", to)
                .query("q", search);
    }

    /** The filters given, as the {@code filter} of a bulk action ({@code POST /api/v1/runs/bulk}). */
    java.util.Map<String, Object> asFilter() {
        java.util.Map<String, Object> filter = new java.util.LinkedHashMap<>();
        if (pipeline != null) {
            filter.put("pipeline", pipeline);
        }
        if (status != null) {
            filter.put("status", status.yamlName());
        }
        if (from != null) {
            filter.put("from", from);
        }
        if (to != null) {
            filter.put("to", to);
        }
        if (search != null) {
            filter.put("q", search);
        }
        return filter;
    }

    /** A state as the API writes it ({@code failed}); picocli's own enum conversion wants {@code FAILED}. */
    static final class RunStateConverter implements ITypeConverter<RunState> {
        @Override
        public RunState convert(String value) {
            try {
                return RunState.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a run state; use one of "
                        + Arrays.stream(RunState.values())
                                .map(RunState::yamlName)
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    /** Checked here, so a mistyped time is a usage error (exit code 2) before anything is sent. */
    static final class TimeConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                if (value.length() <= 10) {
                    LocalDate.parse(value);
                } else {
                    OffsetDateTime.parse(value);
                }
                return value;
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date (2024-03-15) or a time with "
                        + "offset (2024-03-15T06:00:00+01:00)");
            }
        }
    }
}
