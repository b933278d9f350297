package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.model.RunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's controls over real HTTP (issue 20): {@code POST /api/v1/runs/{id}/retry} from a task,
 * {@code POST /api/v1/runs/{id}/tasks/{task}/mark} and {@code POST /api/v1/runs/bulk}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunControlsApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: chain
                tasks:
                  - { id: one, connector: shell, action: run, action_kwargs: { command: "echo one" } }
                  - { id: two, connector: shell, action: run, action_kwargs: { command: "echo two" }, depends_on: [one] }
                  - { id: three, connector: shell, action: run, action_kwargs: { command: "echo three" }, depends_on: [two] }
                  - { id: four, connector: shell, action: run, action_kwargs: { command: "echo four" }, depends_on: [three] }
                  - { id: five, connector: shell, action: run, action_kwargs: { command: "echo five" }, depends_on: [four] }
              - id: breaks
                tasks:
                  - { id: fail, connector: shell, action: run, action_kwargs: { command: "false" }, retry: { times: 0 } }
                  - { id: after, connector: shell, action: run, action_kwargs: { command: "echo after" }, depends_on: [fail] }
              - id: also_breaks
                tasks:
                  - { id: fail, connector: shell, action: run, action_kwargs: { command: "false" }, retry: { times: 0 } }
              - id: waits
                tasks:
                  - { id: ready, wait_for: { event: ready, key: "k" }, timeout_seconds: 7200 }
                  - { id: after, connector: shell, action: run, action_kwargs: { command: "echo shipped" }, depends_on: [ready] }
              - id: sleeps
                tasks:
                  - { id: nap, connector: shell, action: run, action_kwargs: { command: sleep, args: ["600"] } }
            """);

    private JsonNode json(LiveAgent.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer.json(agent.json);
    }

    private JsonNode detail(String runId) {
        return json(agent.get("/api/v1/runs/" + runId), 200);
    }

    private JsonNode task(JsonNode run, String taskId) {
        for (JsonNode task : run.get("tasks")) {
            if (task.get("task_id").asText().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + run);
    }

    private String start(String pipelineId) {
        return json(agent.post("/trigger/" + pipelineId, "{}"), 200)
                .get("run_id")
                .asText();
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    @Test
    void retriesFromAChosenTaskAndSaysWhichTasksThereAreForAnUnknownOne() throws InterruptedException {
        String first = agent.runToEnd("chain");

        String retry = json(agent.post("/api/v1/runs/" + first + "/retry", "{\"from_task\": \"two\"}"), 200)
                .get("run_id")
                .asText();
        assertThat(agent.awaitEnd(retry)).isEqualTo(RunState.SUCCESS);

        JsonNode run = detail(retry);
        assertThat(run.get("parent_run_id").asText()).isEqualTo(first);
        assertThat(task(run, "one").get("output_reused").asBoolean()).isTrue();
        assertThat(task(run, "one").get("attempts")).isEmpty();
        assertThat(task(detail(first), "one").get("attempts")).hasSize(1);
        for (String again : List.of("two", "three", "four", "five")) {
            assertThat(task(run, again).get("output_reused").asBoolean())
                    .as(again)
                    .isFalse();
            assertThat(task(run, again).get("attempts")).as(again).hasSize(1);
        }

        LiveAgent.Answer unknown = agent.post("/api/v1/runs/" + first + "/retry", "{\"from_task\": \"tow\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json(agent.json).get("message").asText())
                .isEqualTo("pipeline chain has no task 'tow'; its tasks: one, two, three, four, five");
        assertThat(agent.post("/api/v1/runs/" + first + "/retry", "{\"from_task\": 2}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aFailedTaskMarkedSuccessShowsItsMarkAndLetsTheRetryGoOnFromIt() throws InterruptedException {
        String failed = agent.runToEnd("breaks");

        JsonNode marked = json(
                agent.post(
                        "/api/v1/runs/" + failed + "/tasks/fail/mark",
                        "{\"state\": \"success\", \"output\": {\"rows\": 7}, \"reason\": \"loaded by hand\"}"),
                200);

        assertThat(marked.get("outcome").asText()).isEqualTo("prepared");
        assertThat(marked.get("by").asText()).isEqualTo("home");
        JsonNode fail = task(detail(failed), "fail");
        assertThat(fail.get("status").asText()).isEqualTo("success");
        assertThat(fail.get("output").asText()).isEqualTo("{\"rows\":7}");
        assertThat(fail.get("mark").get("state").asText()).isEqualTo("success");
        assertThat(fail.get("mark").get("by").asText()).isEqualTo("home");
        assertThat(fail.get("mark").get("reason").asText()).isEqualTo("loaded by hand");
        assertThat(fail.get("mark").get("at").asText()).isNotBlank();

        String retry = json(agent.post("/api/v1/runs/" + failed + "/retry", ""), 200)
                .get("run_id")
                .asText();
        assertThat(agent.awaitEnd(retry)).isEqualTo(RunState.SUCCESS);
        JsonNode run = detail(retry);
        assertThat(task(run, "fail").get("attempts")).isEmpty();
        assertThat(task(run, "after").get("attempts")).hasSize(1);
        assertThat(task(run, "after").get("mark").isNull()).isTrue();
    }

    @Test
    void refusesMarksItCannotTakeWithWhatToDo() throws InterruptedException {
        String failed = agent.runToEnd("breaks");
        String path = "/api/v1/runs/" + failed + "/tasks/";

        assertThat(agent.post(path + "fail/mark", "{\"state\": \"done\"}").status())
                .isEqualTo(400);
        assertThat(agent.post(path + "fail/mark", "{\"state\": \"failed\", \"output\": 1}")
                        .status())
                .isEqualTo(400);
        LiveAgent.Answer unknown = agent.post(path + "nope/mark", "{\"state\": \"success\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("has no task 'nope'; its tasks: fail, after");
        assertThat(agent.post("/api/v1/runs/run_nope/tasks/fail/mark", "{\"state\": \"success\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aWaitingTaskMarkedSuccessEndsItsWaitAtOnce() throws InterruptedException {
        String runId = start("waits");
        await(
                "the wait to begin",
                () -> task(detail(runId), "ready").get("status").asText().equals("waiting"));

        JsonNode marked = json(
                agent.post(
                        "/api/v1/runs/" + runId + "/tasks/ready/mark",
                        "{\"state\": \"success\", \"reason\": \"confirmed by phone\"}"),
                200);

        assertThat(marked.get("outcome").asText()).isEqualTo("marked");
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        JsonNode ready = task(detail(runId), "ready");
        assertThat(ready.get("mark").get("reason").asText()).isEqualTo("confirmed by phone");
        assertThat(ready.get("reason").asText()).isEqualTo("marked success by home: confirmed by phone");
    }

    @Test
    void retriesFortyFailedRunsSelectedByAFilterWithOneCallAfterADryRunListsExactlyThem() throws Exception {
        Set<String> failed = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            failed.add(start("breaks"));
        }
        String otherPipeline = start("also_breaks");
        String succeeded = start("chain");
        for (String runId : failed) {
            assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.FAILED);
        }
        agent.awaitEnd(otherPipeline);
        agent.awaitEnd(succeeded);
        String body = "{\"action\": \"retry\", \"filter\": {\"pipeline\": \"breaks\", \"status\": \"failed\"}";

        JsonNode dryRun = json(agent.post("/api/v1/runs/bulk", body + ", \"dry_run\": true}"), 200);

        assertThat(dryRun.get("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.get("selected").asInt()).isEqualTo(40);
        assertThat(dryRun.get("outcomes").get("planned").asInt()).isEqualTo(40);
        Set<String> listed = new HashSet<>();
        dryRun.get("runs").forEach(run -> listed.add(run.get("run_id").asText()));
        assertThat(listed).isEqualTo(failed);
        assertThat(json(agent.get("/api/v1/runs?pipeline=breaks"), 200)
                        .get("total")
                        .asInt())
                .as("a dry run starts nothing")
                .isEqualTo(40);

        JsonNode done = json(agent.post("/api/v1/runs/bulk", body + "}"), 200);

        assertThat(done.get("outcomes").get("done").asInt()).isEqualTo(40);
        List<String> retries = new ArrayList<>();
        for (JsonNode run : done.get("runs")) {
            assertThat(run.get("outcome").asText()).isEqualTo("done");
            retries.add(run.get("new_run_id").asText());
        }
        assertThat(new HashSet<>(retries)).hasSize(40);
        for (String retry : retries) {
            agent.awaitEnd(retry);
            JsonNode run = detail(retry);
            assertThat(run.get("trigger").asText()).isEqualTo("retry");
            assertThat(failed).contains(run.get("parent_run_id").asText());
        }
    }

    @Test
    void cancelsRunsByIdAndSaysWhyItSkipsOrCannotFindOthers() throws InterruptedException {
        String sleeping = start("sleeps");
        await("the run to start", () -> detail(sleeping).get("status").asText().equals("running"));
        String ended = agent.runToEnd("also_breaks");

        JsonNode answer = json(
                agent.post(
                        "/api/v1/runs/bulk",
                        "{\"action\": \"cancel\", \"run_ids\": [\"" + sleeping + "\", \"" + ended
                                + "\", \"run_nope\"]}"),
                200);

        assertThat(answer.get("runs").get(0).get("outcome").asText()).isEqualTo("done");
        assertThat(answer.get("runs").get(1).get("outcome").asText()).isEqualTo("skipped");
        assertThat(answer.get("runs").get(1).get("reason").asText()).isEqualTo("already ended as failed");
        assertThat(answer.get("runs").get(2).get("outcome").asText()).isEqualTo("error");
        assertThat(answer.get("runs").get(2).get("reason").asText()).isEqualTo("no run 'run_nope'");
        assertThat(agent.awaitEnd(sleeping)).isEqualTo(RunState.CANCELLED);

        assertThat(agent.post("/api/v1/runs/bulk", "{\"action\": \"delete\", \"run_ids\": []}")
                        .status())
                .isEqualTo(400);
        assertThat(agent.post("/api/v1/runs/bulk", "{\"action\": \"retry\"}").status())
                .isEqualTo(400);
        assertThat(agent.post("/api/v1/runs/bulk", "{\"action\": \"retry\", \"filter\": {}}")
                        .status())
                .isEqualTo(400);
        LiveAgent.Answer badFilter =
                agent.post("/api/v1/runs/bulk", "{\"action\": \"retry\", \"filter\": {\"status\": \"broken\"}}");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body()).contains("'status' must be one of");
    }
}
