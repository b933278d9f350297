package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.orchestrator.api.MapItemDto;
import dev.orchestrator.api.PageDto;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The items of a {@code for_each} task on one agent, beside {@link AgentClient}'s requests: a page at a time, by
 * state, and the log of one item. Blocking, like the client it sends through: call it off the FX thread; every
 * failure is an {@link AgentException}.
 */
public final class MapItemRequests {

    private final AgentClient client;

    public MapItemRequests(AgentClient client) {
        this.client = client;
    }

    /**
     * One page of a map's items in index order ({@code GET /api/v1/runs/{run_id}/tasks/{task}/items}).
     *
     * @param state only items in this state, as the API spells it; null for all
     * @param page  from 1
     */
    public PageDto<MapItemDto> items(String runId, String taskId, String state, int page, int size) {
        HttpUrl.Builder url = client.url("api", "v1", "runs", runId, "tasks", taskId, "items")
                .addQueryParameter("page", String.valueOf(page))
                .addQueryParameter("size", String.valueOf(size));
        if (state != null) {
            url.addQueryParameter("state", state);
        }
        return client.answers.read(client.get(url.build()), new TypeReference<>() {});
    }

    /** The whole output of the item at {@code index} (from 0), also when it was spilled to a file for its size. */
    public com.fasterxml.jackson.databind.JsonNode itemOutput(String runId, String taskId, int index) {
        return client.get(
                client.url("api", "v1", "runs", runId, "tasks", taskId, "items", String.valueOf(index), "output")
                        .build());
    }

    /** The first {@code size} log lines of one item, which the agent keeps under {@code task[index]}. */
    public List<LogLine> itemLog(String runId, String taskId, int index, int size) {
        return client.answers.read(
                client.get(client.url("api", "v1", "runs", runId, "logs")
                                .addQueryParameter("task", taskId + "[" + index + "]")
                                .addQueryParameter("size", String.valueOf(size))
                                .build())
                        .path("items"),
                new TypeReference<>() {});
    }
}
