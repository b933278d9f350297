package dev.orchestrator.agent.cli.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * An API path with its query, such as {@code ApiPath.of("/api/v1/runs/{}/logs", runId).query("after", 12)}.
 * Each {@code {}} takes one id as one encoded path segment, so an id the user typed can never reach another
 * endpoint ({@code ../pause/x}) or add query parameters. Immutable.
 */
final class ApiPath {

    private final List<String> segments;
    private final Map<String, String> query;

    private ApiPath(List<String> segments, Map<String, String> query) {
        this.segments = List.copyOf(segments);
        this.query = Map.copyOf(query);
    }

    static ApiPath of(String template, String... ids) {
        List<String> segments = new ArrayList<>();
        int next = 0;
        for (String segment : template.substring(1).split("/")) {
            if (segment.equals("{}")) {
                String id = ids[next++];
                if (id.isEmpty() || id.equals(".") || id.equals("..")) {
                    // OkHttp would resolve these as relative paths and ask another endpoint
                    throw AgentRequestFailedException.notAnId(id);
                }
                segments.add(id);
            } else {
                segments.add(segment);
            }
        }
        if (next != ids.length) {
            throw new IllegalArgumentException(template + " has " + next + " placeholders, given " + ids.length);
        }
        return new ApiPath(segments, Map.of());
    }

    /** Adds a query parameter, or nothing when {@code value} is null: unset filters are not sent. */
    ApiPath query(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value.toString());
        return new ApiPath(segments, more);
    }

    HttpUrl resolve(HttpUrl base) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        // sorted: the same request gives the same URL, in logs and in tests
        query.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(parameter -> url.addQueryParameter(parameter.getKey(), parameter.getValue()));
        return url.build();
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
