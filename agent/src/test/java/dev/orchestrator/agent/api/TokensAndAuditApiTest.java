package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named tokens and the audit log over real HTTP: made, listed, revoked; the audit searched and exported. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TokensAndAuditApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: hello
                tasks:
                  - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
            """);

    private LiveAgent.Answer as(String token, Request.Builder request) {
        return agent.send(request.header("Authorization", "Bearer " + token).build());
    }

    private Request.Builder to(String path) {
        return new Request.Builder().url(agent.url(path));
    }

    @Test
    void aRevokedTokenIsRefusedAtItsNextRequestAndTheTokenFileStaysAdmin() {
        JsonNode created = agent.post("/api/v1/tokens", "{\"name\": \"ci-bot\", \"role\": \"operator\"}")
                .json(agent.json);
        String token = created.get("token").asText();
        assertThat(token).startsWith("orc_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(created.get("role").asText()).isEqualTo("operator");
        assertThat(as(token, to("/api/v1/runs")).status()).isEqualTo(200);
        assertThat(as(token, to("/pause/hello").post(okhttp3.RequestBody.create("{}", LiveAgent.JSON_TYPE)))
                        .status())
                .isEqualTo(200);

        LiveAgent.Answer list = agent.get("/api/v1/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token);
        JsonNode tokens = list.json(agent.json);
        assertThat(tokens.get(0).get("name").asText()).isEqualTo("home");
        assertThat(tokens.get(0).get("role").asText()).isEqualTo("admin");
        assertThat(tokens.get(0).get("source").asText()).isEqualTo("home");
        JsonNode bot = tokens.get(1);
        assertThat(bot.get("name").asText()).isEqualTo("ci-bot");
        assertThat(bot.get("role").asText()).isEqualTo("operator");
        assertThat(bot.get("source").asText()).isEqualTo("database");
        assertThat(bot.get("created_at").asText()).isNotBlank();
        assertThat(bot.get("last_used_at").isNull()).as("used above").isFalse();

        assertThat(agent.send(agent.request("/api/v1/tokens/ci-bot").delete().build())
                        .status())
                .isEqualTo(200);
        LiveAgent.Answer after = as(token, to("/api/v1/runs"));
        assertThat(after.status()).as("refused at once, no restart").isEqualTo(401);
        assertThat(agent.send(agent.request("/api/v1/tokens/ci-bot").delete().build())
                        .status())
                .isEqualTo(404);

        // the home's token file, as every set-up before named tokens used it, is an admin
        assertThat(agent.get("/api/v1/audit").status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/runs").status()).isEqualTo(200);
        assertThat(agent.send(agent.request("/api/v1/tokens/home").delete().build())
                        .status())
                .as("the file's token is rotated, not revoked")
                .isEqualTo(400);
        assertThat(agent.post("/api/v1/tokens", "{\"name\": \"home\", \"role\": \"viewer\"}")
                        .status())
                .isEqualTo(400);
        assertThat(agent.post("/api/v1/tokens", "{\"name\": \"x\", \"role\": \"boss\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aNameIsOneTokenAtATime() {
        assertThat(agent.post("/api/v1/tokens", "{\"name\": \"dup\", \"role\": \"viewer\"}")
                        .status())
                .isEqualTo(200);
        LiveAgent.Answer again = agent.post("/api/v1/tokens", "{\"name\": \"dup\", \"role\": \"admin\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("orchestrator token revoke dup");
    }

    @Test
    void theAuditLogIsFilteredByWhoActionTargetAndTimeAndExportedAsCsv() throws Exception {
        String viewer = agent.post("/api/v1/tokens", "{\"name\": \"watcher\", \"role\": \"viewer\"}")
                .json(agent.json)
                .get("token")
                .asText();
        okhttp3.RequestBody empty = okhttp3.RequestBody.create("{}", LiveAgent.JSON_TYPE);
        assertThat(as(viewer, to("/trigger/hello").post(empty)).status()).isEqualTo(403);
        String runId = agent.runToEnd("hello");
        assertThat(agent.post("/api/v1/runs/" + runId + "/retry", "{}").status())
                .isNotEqualTo(403);
        assertThat(agent.get("/api/v1/runs/" + runId).status()).isEqualTo(200);

        JsonNode byWatcher = agent.get("/api/v1/audit?who=watcher").json(agent.json);
        assertThat(byWatcher.get("total").asInt()).isEqualTo(1);
        JsonNode refused = byWatcher.get("items").get(0);
        assertThat(refused.get("method").asText()).isEqualTo("POST");
        assertThat(refused.get("route").asText()).isEqualTo("/trigger/{id}");
        assertThat(refused.get("action").asText()).isEqualTo("triggerPipeline");
        assertThat(refused.get("target").asText()).isEqualTo("hello");
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(refused.get("agent_id").asText()).isNotBlank();

        JsonNode onTheRun = agent.get("/api/v1/audit?target=" + runId).json(agent.json);
        assertThat(onTheRun.get("total").asInt()).isEqualTo(1);
        assertThat(onTheRun.get("items").get(0).get("action").asText()).isEqualTo("retryRun");
        assertThat(onTheRun.get("items").get(0).get("who").asText()).isEqualTo("home");

        JsonNode triggers = agent.get("/api/v1/audit?action=triggerPipeline").json(agent.json);
        assertThat(triggers.get("total").asInt())
                .as("the refused one and the run")
                .isEqualTo(2);
        assertThat(agent.get("/api/v1/audit?from=2999-01-01")
                        .json(agent.json)
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(agent.get("/api/v1/audit?to=2999-01-01&size=2")
                        .json(agent.json)
                        .get("items")
                        .size())
                .isEqualTo(2);

        LiveAgent.Answer csv = agent.get("/api/v1/audit/export.csv?who=watcher");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = new ArrayList<>(csv.body().lines().toList());
        assertThat(lines.get(0)).isEqualTo("id,time,who,method,route,action,target,status,agent_id");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",watcher,POST,/trigger/{id},triggerPipeline,hello,403,");
        assertThat(Files.exists(agent.home().resolve("token"))).isTrue();
    }
}
