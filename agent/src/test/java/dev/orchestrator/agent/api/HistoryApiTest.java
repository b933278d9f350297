package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Log search, CSV exports and dashboard statistics over real HTTP. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class HistoryApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: chatty
                tasks:
                  - { id: talk, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo 'hello, \\"world\\"' >&2; echo needle-in-a-log >&2"] } }
              - id: broken
                tasks:
                  - { id: crash, connector: shell, action: run, retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo oops >&2; exit 7"] } }
            """);

    private static List<String[]> csv(String text) throws Exception {
        try (MappingIterator<String[]> rows = new CsvMapper()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class)
                .readValues(text)) {
            return rows.readAll();
        }
    }

    @Test
    void searchesLogLinesAndErrorsAcrossRuns() throws Exception {
        String talked = agent.runToEnd("chatty");
        String failed = agent.runToEnd("broken");

        JsonNode needle = agent.get("/api/v1/logs?q=NEEDLE").json(agent.json);
        assertThat(needle.get("total").asLong()).isEqualTo(1);
        assertThat(needle.get("items").get(0).get("run_id").asText()).isEqualTo(talked);
        assertThat(needle.get("items").get(0).get("message").asText()).isEqualTo("stderr: needle-in-a-log");
        assertThat(needle.get("items").get(0).get("kind").asText()).isEqualTo("log");

        JsonNode errors = agent.get("/api/v1/logs?level=error&kind=error").json(agent.json);
        assertThat(errors.get("items")).anySatisfy(entry -> {
            assertThat(entry.get("kind").asText()).isEqualTo("error");
            assertThat(entry.get("run_id").asText()).isEqualTo(failed);
            assertThat(entry.get("stack_trace").asText()).contains("\n\tat ");
        });
        JsonNode ofFailedRuns = agent.get("/api/v1/logs?status=failed").json(agent.json);
        assertThat(ofFailedRuns.get("items"))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.get("run_id").asText()).isEqualTo(failed));
        JsonNode pageTwo =
                agent.get("/api/v1/logs?pipeline=chatty&size=1&page=2").json(agent.json);
        assertThat(pageTwo.get("total").asLong()).isEqualTo(2);
        assertThat(pageTwo.get("items").get(0).get("message").asText()).isEqualTo("stderr: hello, \"world\"");
        assertThat(agent.get("/api/v1/logs?level=loud").status()).isEqualTo(400);
        assertThat(agent.get("/api/v1/logs?to=2000-01-01")
                        .json(agent.json)
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void exportsEveryMatchingLogEntryAsRfc4180Csv() throws Exception {
        for (int i = 0; i < 3; i++) {
            agent.runToEnd("chatty");
        }
        agent.runToEnd("broken");

        LiveAgent.Answer export = agent.get("/api/v1/logs/export.csv?size=1");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body()).contains("\r\n");
        List<String[]> rows = csv(export.body());
        assertThat(rows.get(0))
                .containsExactly(
                        "time",
                        "kind",
                        "level",
                        "pipeline_id",
                        "run_id",
                        "task_id",
                        "attempt",
                        "message",
                        "stack_trace");
        JsonNode all = agent.get("/api/v1/logs?size=500").json(agent.json);
        assertThat(rows).hasSize(1 + all.get("total").asInt()); // every row, not a page: size is ignored
        for (int i = 0; i < all.get("items").size(); i++) {
            JsonNode item = all.get("items").get(i);
            String[] row = rows.get(i + 1);
            assertThat(row[1]).isEqualTo(item.get("kind").asText());
            assertThat(row[4]).isEqualTo(item.get("run_id").asText());
            assertThat(row[7]).isEqualTo(item.get("message").asText());
            assertThat(row[8])
                    .isEqualTo(
                            item.get("stack_trace").isNull()
                                    ? ""
                                    : item.get("stack_trace").asText());
        }
        assertThat(rows).anySatisfy(row -> assertThat(row[7]).isEqualTo("stderr: hello, \"world\""));
        assertThat(rows)
                .anySatisfy(row -> assertThat(row[8]).contains("\n\tat ").contains("ShellCommandFailed"));
    }

    @Test
    void exportsRunsMatchingTheFilters() throws Exception {
        String first = agent.runToEnd("chatty");
        String second = agent.runToEnd("chatty");
        agent.runToEnd("broken");

        List<String[]> rows =
                csv(agent.get("/api/v1/runs/export.csv?pipeline=chatty").body());

        assertThat(rows.get(0)).startsWith("run_id", "pipeline_id", "status", "trigger");
        assertThat(rows.subList(1, rows.size())).extracting(row -> row[0]).containsExactly(second, first);
        assertThat(rows.get(1)[2]).isEqualTo("success");
        assertThat(Long.parseLong(rows.get(1)[8])).isNotNegative();
        assertThat(agent.get("/api/v1/runs/export.csv?status=nope").status()).isEqualTo(400);
    }

    @Test
    void statisticsCountRunsAndNameFailingPipelines() throws Exception {
        agent.runToEnd("chatty");
        agent.runToEnd("chatty");
        agent.runToEnd("chatty");
        agent.runToEnd("broken");

        JsonNode stats = agent.get("/api/v1/stats").json(agent.json);

        assertThat(stats.get("total").asLong()).isEqualTo(4);
        assertThat(stats.get("by_status").get("success").asLong()).isEqualTo(3);
        assertThat(stats.get("by_status").get("failed").asLong()).isEqualTo(1);
        assertThat(stats.get("success_rate").asDouble()).isEqualTo(0.75);
        assertThat(stats.get("average_duration_ms").asLong()).isNotNegative();
        assertThat(stats.get("runs_per_hour")).hasSizeBetween(24, 25);
        long perHour = 0;
        for (JsonNode hour : stats.get("runs_per_hour")) {
            perHour += hour.get("runs").asLong();
        }
        assertThat(perHour).isEqualTo(4);
        assertThat(stats.get("duration_trend")).hasSize(4);
        assertThat(stats.get("failing_pipelines"))
                .singleElement()
                .satisfies(run -> assertThat(run.get("pipeline_id").asText()).isEqualTo("broken"));
        assertThat(agent.get("/api/v1/stats?pipeline=chatty")
                        .json(agent.json)
                        .get("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(agent.get("/api/v1/stats?from=2024-01-01&to=2024-06-01").status())
                .isEqualTo(400);
    }

    @Test
    void describesTheAgentItsConnectorsAndItsMetrics() throws Exception {
        agent.runToEnd("chatty");

        JsonNode about = agent.get("/api/v1/agent").json(agent.json);
        assertThat(about.get("agent_id").asText()).isEqualTo("test-agent");
        assertThat(about.get("database").asText()).isEqualTo("h2");
        assertThat(about.get("cluster_members")).extracting(JsonNode::asText).containsExactly("test-agent");
        assertThat(about.get("history_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(about.get("cluster").get(0).get("active_runs").isInt()).isTrue();
        assertThat(about.get("cluster").get(0).get("free_memory_mb").asLong())
                .as("what its heartbeat tells of its resources")
                .isPositive();
        assertThat(about.get("resources").get("max_memory_mb").asLong())
                .as("the machine's memory")
                .isPositive();
        assertThat(about.get("resources").get("max_cpu").asDouble()).isPositive();
        assertThat(about.get("resources").get("memory_mb_in_use").asLong()).isZero();
        assertThat(about.get("jvm").get("version").asText()).isNotBlank();

        JsonNode connectors = agent.get("/api/v1/connectors").json(agent.json);
        assertThat(connectors)
                .extracting(connector -> connector.get("type").asText())
                .contains("shell", "csv_file", "http_api", "postgres");
        JsonNode shell = java.util.stream.StreamSupport.stream(connectors.spliterator(), false)
                .filter(connector -> connector.get("type").asText().equals("shell"))
                .findFirst()
                .orElseThrow();
        assertThat(shell.get("actions")).anySatisfy(action -> {
            assertThat(action.get("name").asText()).isEqualTo("run");
            assertThat(action.get("parameters"))
                    .extracting(parameter -> parameter.get("name").asText())
                    .contains("command", "args");
        });

        LiveAgent.Answer metrics = agent.get("/metrics");
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("orchestrator_runs_finished_total{pipeline=\"chatty\",status=\"success\"} 1.0")
                .contains("orchestrator_task_duration_seconds_count{status=\"success\"} 1")
                .contains("orchestrator_runs_active 0.0")
                .contains("orchestrator_run_queue_depth 0.0")
                .contains("orchestrator_schedule_lateness_seconds_bucket")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void readsValidatesAndSavesAPipelineFile() throws Exception {
        JsonNode source = agent.get("/api/v1/pipelines/chatty/source").json(agent.json);
        assertThat(source.get("file").asText()).isEqualTo("pipelines.yaml");
        String text = source.get("text").asText();
        assertThat(text).contains("id: chatty");
        String version = source.get("version").asText();

        JsonNode check = agent.post(
                        "/api/v1/validate",
                        agent.json.writeValueAsString(Map.of("text", text.replaceFirst("tasks:", "taks:"))))
                .json(agent.json);
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("diagnostics")).anySatisfy(diagnostic -> {
            assertThat(diagnostic.get("code").asText()).isEqualTo("KEY001");
            assertThat(diagnostic.get("line").asInt()).isEqualTo(3);
        });

        LiveAgent.Answer refused = agent.put(
                "/api/v1/pipelines/chatty/source",
                agent.json.writeValueAsString(
                        Map.of("text", text.replaceFirst("tasks:", "taks:"), "version", version)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json(agent.json).get("diagnostics")).isNotEmpty();

        String renamed = text.replace("  - id: chatty\n", "  - id: chatty\n    name: Talks a lot\n");
        LiveAgent.Answer saved = agent.put(
                "/api/v1/pipelines/chatty/source",
                agent.json.writeValueAsString(Map.of("text", renamed, "version", version)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(agent.get("/pipeline/chatty").json(agent.json).get("name").asText())
                .isEqualTo("Talks a lot");

        LiveAgent.Answer stale = agent.put(
                "/api/v1/pipelines/chatty/source",
                agent.json.writeValueAsString(Map.of("text", text, "version", version)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json(agent.json).get("message").asText()).contains("changed on the agent");
        assertThat(agent.put("/api/v1/pipelines/chatty/source", "{\"text\": \"x\"}")
                        .status())
                .isEqualTo(400);
    }
}
