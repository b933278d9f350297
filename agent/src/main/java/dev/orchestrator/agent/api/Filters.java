package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.LogQuery;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.model.RunState;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The list filters every run and log endpoint shares ({@code pipeline}, {@code status}, {@code from},
 * {@code to}, {@code q}, and {@code level} for logs), read once, the same way, with the same errors.
 */
final class Filters {

    private static final Set<String> LEVELS = Set.of("INFO", "WARN", "ERROR");

    private Filters() {}

    static RunQuery runs(ApiRequest request) {
        return new RunQuery(
                text(request, "pipeline"),
                status(request),
                Paging.time(request, "from"),
                Paging.time(request, "to"),
                text(request, "q"),
                Paging.page(request),
                Paging.size(request));
    }

    static LogQuery logs(ApiRequest request) {
        Optional<String> level = text(request, "level").map(text -> {
            String upper = text.toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(upper)) {
                throw ApiException.badRequest("'level' must be one of info, warn, error; got '" + text + "'");
            }
            return upper;
        });
        return new LogQuery(
                text(request, "pipeline"),
                status(request),
                Paging.time(request, "from"),
                Paging.time(request, "to"),
                text(request, "q"),
                level);
    }

    private static Optional<RunState> status(ApiRequest request) {
        return text(request, "status").map(text -> {
            try {
                return RunState.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'status' must be one of queued, running, success, failed, cancelled, "
                        + "crashed; got '" + text + "'");
            }
        });
    }

    private static Optional<String> text(ApiRequest request, String name) {
        return request.queryParameter(name).map(String::strip).filter(text -> !text.isEmpty());
    }
}
