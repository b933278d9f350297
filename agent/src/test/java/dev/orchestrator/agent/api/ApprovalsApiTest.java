package dev.orchestrator.agent.api;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.model.RunState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20's approval gates over real HTTP: the inbox, approve and reject in the name of the caller's token, the
 * roles they need, the 409 for a task that does not wait for approval, and the audit log.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ApprovalsApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: publish_numbers
                tasks:
                  - id: sign_off
                    approval: { message: "Publish the Q3 numbers?", timeout_seconds: 600 }
                  - { id: publish, connector: shell, action: run, action_kwargs: { command: "echo published" }, depends_on: [sign_off] }
            """);

    private String token(String name, String role) {
        LiveAgent.Answer created =
                agent.post("/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json(agent.json).get("token").asText();
    }

    private LiveAgent.Answer postAs(String token, String path, String body) {
        return agent.send(new Request.Builder()
                .url(agent.url(path))
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(body, LiveAgent.JSON_TYPE))
                .build());
    }

    private String waitingRun() {
        String runId = agent.post("/trigger/publish_numbers", "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
        Awaitility.await("the approval to be listed")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> agent.get("/api/v1/approvals").json(agent.json).size() == 1);
        return runId;
    }

    private JsonNode detail(String runId) {
        return agent.get("/api/v1/runs/" + runId).json(agent.json);
    }

    @Test
    void anOperatorApprovesInItsTokensNameAViewerIsRefusedAndBothAreAudited() throws Exception {
        String operator = token("ops-anna", "operator");
        String viewer = token("watcher", "viewer");
        String runId = waitingRun();

        JsonNode listed = agent.get("/api/v1/approvals").json(agent.json).get(0);
        assertThat(listed.get("run_id").asText()).isEqualTo(runId);
        assertThat(listed.get("pipeline_id").asText()).isEqualTo("publish_numbers");
        assertThat(listed.get("task_id").asText()).isEqualTo("sign_off");
        assertThat(listed.get("message").asText()).isEqualTo("Publish the Q3 numbers?");
        assertThat(listed.get("waiting_since").asText()).isNotBlank();
        assertThat(listed.get("deadline").asText()).isNotBlank();

        LiveAgent.Answer refused =
                postAs(viewer, "/api/v1/runs/" + runId + "/tasks/sign_off/approve", "{\"comment\": \"me too\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json(agent.json).get("required_role").asText()).isEqualTo("operator");
        assertThat(agent.get("/api/v1/approvals").json(agent.json))
                .as("still waiting")
                .hasSize(1);

        LiveAgent.Answer approved =
                postAs(operator, "/api/v1/runs/" + runId + "/tasks/sign_off/approve", "{\"comment\": \"totals ok\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode decided = approved.json(agent.json);
        assertThat(decided.get("decision").asText()).isEqualTo("approved");
        assertThat(decided.get("by").asText()).isEqualTo("ops-anna");
        assertThat(decided.get("comment").asText()).isEqualTo("totals ok");

        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        JsonNode output = agent.json.readTree(
                task(detail(runId), "sign_off").get("output").asText());
        assertThat(output.get("approved_by").asText()).isEqualTo("ops-anna");
        assertThat(output.get("comment").asText()).isEqualTo("totals ok");
        assertThat(Instant.parse(output.get("approved_at").asText()))
                .isEqualTo(OffsetDateTime.parse(decided.get("at").asText()).toInstant());
        assertThat(agent.get("/api/v1/approvals").json(agent.json)).isEmpty();

        JsonNode audit = agent.get("/api/v1/audit?size=50").json(agent.json).get("items");
        assertThat(audit)
                .anySatisfy(entry -> {
                    assertThat(entry.get("who").asText()).isEqualTo("ops-anna");
                    assertThat(entry.get("route").asText()).isEqualTo("/api/v1/runs/{run_id}/tasks/{task}/approve");
                    assertThat(entry.get("status").asInt()).isEqualTo(200);
                    assertThat(entry.get("target").asText()).isEqualTo(runId + "/sign_off");
                })
                .anySatisfy(entry -> {
                    assertThat(entry.get("who").asText()).isEqualTo("watcher");
                    assertThat(entry.get("status").asInt()).isEqualTo(403);
                });
    }

    @Test
    void aRejectionFailsTheTaskNamingWhoAndWhyAndASecondDecisionIsAConflictSayingWhatToDo()
            throws InterruptedException {
        String operator = token("ops-ben", "operator");
        String runId = waitingRun();

        LiveAgent.Answer rejected =
                postAs(operator, "/api/v1/runs/" + runId + "/tasks/sign_off/reject", "{\"comment\": \"wrong totals\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json(agent.json).get("decision").asText()).isEqualTo("rejected");

        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.FAILED);
        JsonNode signOff = task(detail(runId), "sign_off");
        assertThat(signOff.get("status").asText()).isEqualTo("failed");
        assertThat(signOff.get("reason").asText()).contains("rejected by ops-ben: wrong totals");
        assertThat(signOff.get("attempts")).hasSize(1);

        LiveAgent.Answer again = postAs(operator, "/api/v1/runs/" + runId + "/tasks/sign_off/approve", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json(agent.json).get("message").asText())
                .contains("is not waiting for approval")
                .contains("orchestrator retry " + runId + " --from-task sign_off");
        LiveAgent.Answer notAGate = postAs(operator, "/api/v1/runs/" + runId + "/tasks/publish/approve", "{}");
        assertThat(notAGate.status()).isEqualTo(409);
        assertThat(postAs(operator, "/api/v1/runs/" + runId + "/tasks/nothing/approve", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(postAs(operator, "/api/v1/runs/" + runId + "/tasks/sign_off/approve", "{\"commnet\": \"x\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aMarkRecordsTheNameOfTheTokenThatMadeIt() throws InterruptedException {
        String operator = token("ops-cleo", "operator");
        String runId = waitingRun();

        LiveAgent.Answer marked = postAs(
                operator,
                "/api/v1/runs/" + runId + "/tasks/sign_off/mark",
                "{\"state\": \"success\", \"reason\": \"approved on the phone\"}");

        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        assertThat(marked.json(agent.json).get("by").asText()).isEqualTo("ops-cleo");
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(task(detail(runId), "sign_off").get("mark").get("by").asText())
                .isEqualTo("ops-cleo");
    }
}
