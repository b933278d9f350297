package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.orchestrator.api.ApprovalDto;
import dev.orchestrator.api.BackfillDto;
import dev.orchestrator.api.GridDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.RunPageDto;
import dev.orchestrator.api.RunStartedDto;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One agent's HTTP API, as the console uses it. Blocking: call it off the FX thread. Every failure is an
 * {@link AgentException} whose message says what happened and what to do.
 */
public final class AgentClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final AgentProfile profile;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final HttpUrl base;
    final AgentAnswers answers;
    private final AgentCall calls;

    public AgentClient(AgentProfile profile, OkHttpClient http) {
        this.profile = profile;
        this.http = http;
        this.json = mapper();
        this.answers = new AgentAnswers(json, profile.name());
        this.calls = new AgentCall(profile, http, json, answers);
        HttpUrl parsed = HttpUrl.parse(profile.url());
        if (parsed == null) {
            throw new AgentException(
                    AgentException.Kind.REFUSED,
                    0,
                    "'" + profile.url() + "' is not a URL; " + "an agent's address looks like http://127.0.0.1:8765",
                    null);
        }
        this.base = parsed;
    }

    /** The JSON settings of the agent's API: snake_case names, ISO times. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public AgentProfile profile() {
        return profile;
    }

    public AgentInfo agent() {
        return answers.read(get(url("api", "v1", "agent").build()), AgentInfo.class);
    }

    public List<PipelineRow> pipelines() {
        return answers.read(get(url("pipelines").build()), new TypeReference<>() {});
    }

    /** The tasks of a pipeline's current definition, in file order. */
    public List<TaskShape> tasksOf(String pipelineId) {
        JsonNode detail = get(url("pipeline", pipelineId).build());
        List<TaskShape> tasks = new ArrayList<>();
        for (JsonNode task : detail.path("tasks")) {
            List<String> dependsOn = new ArrayList<>();
            task.path("depends_on").forEach(id -> dependsOn.add(id.asText()));
            tasks.add(new TaskShape(
                    task.path("id").asText(),
                    task.path("name").asText(null),
                    task.path("connector").asText(null),
                    task.path("action").asText(null),
                    dependsOn,
                    task.path("map").asBoolean(false)));
        }
        return tasks;
    }

    /** @return the new run's id */
    public String trigger(String pipelineId, Map<String, Object> params) {
        return answers.read(post(url("trigger", pipelineId).build(), Map.of("params", params)), RunStartedDto.class)
                .runId();
    }

    public void pause(String pipelineId) {
        post(url("pause", pipelineId).build(), null);
    }

    public void resume(String pipelineId) {
        post(url("resume", pipelineId).build(), null);
    }

    /** @return the ids of the runs started, one per scheduled time from {@code from} to {@code to} */
    public List<String> backfill(String pipelineId, LocalDate from, LocalDate to) {
        return answers.read(
                        post(
                                url("api", "v1", "pipelines", pipelineId, "backfill")
                                        .build(),
                                Map.of("from", from.toString(), "to", to.toString())),
                        BackfillDto.class)
                .runIds();
    }

    /** One page of runs, newest first; {@code filters} as the API names them (pipeline, status, from, to, q). */
    public RunPage runs(Map<String, String> filters, int page, int size) {
        HttpUrl.Builder url = url("api", "v1", "runs")
                .addQueryParameter("page", String.valueOf(page))
                .addQueryParameter("size", String.valueOf(size));
        filters.forEach(url::addQueryParameter);
        RunPageDto answer = answers.read(get(url.build()), RunPageDto.class);
        return new RunPage(answer.items(), answer.total());
    }

    /** A page of runs and how many match in all. */
    public record RunPage(List<RunDto> items, long total) {}

    public RunDto run(String runId) {
        return answers.read(get(url("api", "v1", "runs", runId).build()), RunDto.class);
    }

    /** Log lines of a run after the line with id {@code after}, oldest first. */
    public List<LogLine> logs(String runId, long after, int size) {
        JsonNode answer = get(url("api", "v1", "runs", runId, "logs")
                .addQueryParameter("after", String.valueOf(after))
                .addQueryParameter("size", String.valueOf(size))
                .build());
        return answers.read(answer.path("items"), new TypeReference<>() {});
    }

    /** One page of the log search across runs; {@code filters}: pipeline, status, from, to, q, level. */
    public LogPage searchLogs(Map<String, String> filters, int page, int size) {
        HttpUrl.Builder url = url("api", "v1", "logs")
                .addQueryParameter("page", String.valueOf(page))
                .addQueryParameter("size", String.valueOf(size));
        filters.forEach(url::addQueryParameter);
        JsonNode answer = get(url.build());
        List<LogEntry> items = answers.read(answer.path("items"), new TypeReference<>() {});
        return new LogPage(
                items,
                answer.path("total").asLong(),
                answer.path("total_capped").asBoolean());
    }

    /** A page of log entries and how many match in all ({@code capped}: at least that many). */
    public record LogPage(List<LogEntry> items, long total, boolean capped) {}

    /**
     * Every log entry matching {@code filters} as CSV, streamed: the caller reads the body as it comes and
     * closes the response (or cancels the call, which stops the agent's query too).
     */
    public okhttp3.Call exportLogs(Map<String, String> filters) {
        HttpUrl.Builder url = url("api", "v1", "logs", "export.csv");
        filters.forEach(url::addQueryParameter);
        return http.newBuilder()
                .readTimeout(java.time.Duration.ofMinutes(5))
                .build()
                .newCall(request(url.build()).get().build());
    }

    /** Turns a failed export answer into the error the console shows. */
    public AgentException exportRefused(Response response) throws IOException {
        return new AgentException(
                response.code() == 401 ? AgentException.Kind.UNAUTHORIZED : AgentException.Kind.REFUSED,
                response.code(),
                answers.errorMessage(response.body().string(), response.code()),
                null);
    }

    /** A pipeline's file as text, with its version (a hash of the text) for saving it back. */
    public record Source(String pipelineId, String file, String version, String text) {}

    public Source source(String pipelineId) {
        return answers.read(
                get(url("api", "v1", "pipelines", pipelineId, "source").build()), Source.class);
    }

    /**
     * Saves a pipeline's file on the agent, which validates, writes and reloads it.
     *
     * @return the new version
     * @throws AgentException status 409 when the file changed since {@code version}, 422 when invalid
     */
    public String saveSource(String pipelineId, String text, String version) {
        try {
            Request request = request(
                            url("api", "v1", "pipelines", pipelineId, "source").build())
                    .put(RequestBody.create(json.writeValueAsBytes(Map.of("text", text, "version", version)), JSON))
                    .build();
            return call(request).path("version").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send the text as JSON", e);
        }
    }

    /** The connector types the agent knows, with their actions and parameters. */
    public List<dev.orchestrator.connector.ConnectorDescriptor> connectors() {
        return answers.read(get(url("api", "v1", "connectors").build()), new TypeReference<>() {});
    }

    public void cancel(String runId) {
        post(url("api", "v1", "runs", runId, "cancel").build(), null);
    }

    /** @return the id of the new run */
    public String retry(String runId) {
        return answers.read(post(url("api", "v1", "runs", runId, "retry").build(), null), RunStartedDto.class)
                .runId();
    }

    /** The tasks waiting for an approval, the longest-waiting first (issue 20). */
    public List<ApprovalDto> approvals() {
        return answers.read(get(url("api", "v1", "approvals").build()), new TypeReference<>() {});
    }

    /** The shared pools, their slots taken and the tasks waiting (issue 21); none from an agent older than them. */
    public List<dev.orchestrator.api.PoolDto> pools() {
        try {
            return answers.read(get(url("api", "v1", "pools").build()), new TypeReference<>() {});
        } catch (AgentException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** Approves ({@code true}) or rejects a task waiting for approval, in the name of this profile's token. */
    public void decide(String runId, String taskId, boolean approve, String comment) {
        String verb = approve ? "approve" : "reject";
        post(url("api", "v1", "runs", runId, "tasks", taskId, verb).build(), Map.of("comment", comment));
    }

    public Stats stats(OffsetDateTime from, OffsetDateTime to) {
        return answers.read(
                get(url("api", "v1", "stats")
                        .addQueryParameter("from", from.toString())
                        .addQueryParameter("to", to.toString())
                        .build()),
                Stats.class);
    }

    public List<UpcomingFire> upcoming(double hours) {
        return answers.read(
                get(url("upcoming")
                        .addQueryParameter("hours", String.valueOf(hours))
                        .build()),
                new TypeReference<>() {});
    }

    /** One page of a pipeline's run grid: its newest {@code runs} runs and up to {@code taskLimit} of its tasks. */
    public GridDto grid(String pipelineId, int runs, int taskOffset, int taskLimit) {
        return answers.read(
                get(url("api", "v1", "pipelines", pipelineId, "grid")
                        .addQueryParameter("runs", String.valueOf(runs))
                        .addQueryParameter("task_offset", String.valueOf(taskOffset))
                        .addQueryParameter("task_limit", String.valueOf(taskLimit))
                        .build()),
                GridDto.class);
    }

    /** Deadlines missed by runs scheduled in [from, to), newest first; none from an agent older than them (404). */
    public List<MissedDeadline> missedDeadlines(OffsetDateTime from, OffsetDateTime to) {
        try {
            JsonNode page = get(url("api", "v1", "deadlines")
                    .addQueryParameter("from", from.toString())
                    .addQueryParameter("to", to.toString())
                    .addQueryParameter("size", "100")
                    .build());
            return answers.read(page.path("items"), new TypeReference<>() {});
        } catch (AgentException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** The base URL with these path segments, each encoded. */
    HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    JsonNode get(HttpUrl url) {
        return call(request(url).get().build());
    }

    JsonNode post(HttpUrl url, Object body) {
        try {
            RequestBody content = body == null
                    ? RequestBody.create(new byte[0], null)
                    : RequestBody.create(json.writeValueAsBytes(body), JSON);
            return call(request(url).post(content).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send " + body + " as JSON", e);
        }
    }

    Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + profile.token());
    }

    private JsonNode call(Request request) {
        return calls.send(request);
    }
}
