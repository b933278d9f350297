package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20, acceptance 6: every version of a pipeline the agent loads is kept, each run names the one it ran, two
 * compare as the unified diff of their texts, and restoring one makes it current again, with the save's conflict
 * check. The files are edited as people edit them, and loaded by the agent's own file watcher.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RevisionsApiTest {

    private static final String V1 = version("v1");

    @RegisterExtension
    final LiveAgent agent = new LiveAgent(V1);

    private static String version(String word) {
        return """
                pipelines:
                  - id: edited
                    tasks:
                      - id: step
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ["%s"] }
                """.formatted(word);
    }

    /** The first 12 hex digits of the SHA-256 of the text, as the issue defines a revision. */
    private static String revisionOf(String text) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 6);
    }

    private Path file() {
        return agent.agent.config().resolve("pipelines.yaml");
    }

    private JsonNode revisions() {
        LiveAgent.Answer answer = agent.get("/api/v1/pipelines/edited/revisions");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json(agent.json);
    }

    /** Edits the file and waits for the agent's watcher to load it. */
    private void edit(String text, int revisionsAfter) throws Exception {
        Files.writeString(file(), text);
        Awaitility.await("the watcher to load the edit")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> revisions().get("total").asInt() == revisionsAfter);
    }

    private String revisionOfRun(String runId) {
        return agent.get("/api/v1/runs/" + runId)
                .json(agent.json)
                .path("revision")
                .asText();
    }

    private String sourceVersion() {
        return agent.get("/api/v1/pipelines/edited/source")
                .json(agent.json)
                .get("version")
                .asText();
    }

    private LiveAgent.Answer restore(String revision, String version, String user) throws Exception {
        return agent.send(agent.request("/api/v1/pipelines/edited/revisions/" + revision + "/restore")
                .header("X-Orchestrator-User", user)
                .post(RequestBody.create(
                        agent.json.writeValueAsString(Map.of("version", version)), LiveAgent.JSON_TYPE))
                .build());
    }

    @Test
    void threeEditsGiveThreeRevisionsEachRunNamesItsOwnAndARestoreMakesAnOldOneCurrent() throws Exception {
        List<String> texts = List.of(V1, version("v2"), version("v3"), version("v4"));
        List<String> runs = new ArrayList<>();
        runs.add(agent.runToEnd("edited"));
        for (int edit = 1; edit <= 3; edit++) {
            edit(texts.get(edit), edit + 1);
            runs.add(agent.runToEnd("edited"));
        }

        JsonNode listed = revisions();
        assertThat(listed.get("total").asInt()).isEqualTo(4);
        JsonNode items = listed.get("items");
        for (int i = 0; i < 4; i++) {
            JsonNode item = items.get(i);
            String text = texts.get(3 - i);
            assertThat(item.get("revision").asText()).isEqualTo(revisionOf(text));
            // the agent's start read the first; its watcher the three edits
            assertThat(item.get("source").asText()).isEqualTo(i == 3 ? "file" : "reload");
            assertThat(item.get("author").asText()).isEqualTo("file");
            assertThat(item.get("file").asText()).isEqualTo("pipelines.yaml");
            assertThat(item.get("current").asBoolean()).isEqualTo(i == 0);
            assertThat(item.has("text")).isFalse();
            // each run made between edits names the revision it ran
            assertThat(revisionOfRun(runs.get(3 - i))).isEqualTo(revisionOf(text));
        }
        assertThat(agent.get("/api/v1/pipelines/edited/revisions?size=2&page=2")
                        .json(agent.json)
                        .get("items"))
                .extracting(item -> item.get("revision").asText())
                .containsExactly(revisionOf(version("v2")), revisionOf(V1));

        String first = revisionOf(V1);
        String second = revisionOf(version("v2"));
        JsonNode one = agent.get("/api/v1/pipelines/edited/revisions/" + second).json(agent.json);
        assertThat(one.get("text").asText()).isEqualTo(version("v2"));
        assertThat(one.get("current").asBoolean()).isFalse();

        JsonNode diff = agent.get("/api/v1/pipelines/edited/revisions/diff?a=" + first + "&b=" + second)
                .json(agent.json);
        assertThat(diff.get("diff").asText())
                .isEqualTo("--- pipelines.yaml@" + first + "\n"
                        + "+++ pipelines.yaml@" + second + "\n"
                        + "@@ -4,4 +4,4 @@\n"
                        + "       - id: step\n"
                        + "         connector: shell\n"
                        + "         action: run\n"
                        + "-        action_kwargs: { command: echo, args: [\"v1\"] }\n"
                        + "+        action_kwargs: { command: echo, args: [\"v2\"] }\n");
        assertThat(agent.get("/api/v1/pipelines/edited/revisions/diff?a=" + first + "&b=" + first)
                        .json(agent.json)
                        .get("diff")
                        .asText())
                .isEmpty();

        // a restore read against a version of the file that is no longer its own is refused, and changes nothing
        String stale = sourceVersion();
        Files.writeString(file(), version("v4") + "# a comment\n");
        LiveAgent.Answer refused = restore(second, stale, "alice");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(Files.readString(file())).isEqualTo(version("v4") + "# a comment\n");
        edit(version("v4") + "# a comment\n", 5);

        LiveAgent.Answer restored = restore(second, sourceVersion(), "alice");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.json(agent.json).get("restored").asText()).isEqualTo(second);
        assertThat(restored.json(agent.json).get("revision").asText()).isEqualTo(second);
        assertThat(Files.readString(file())).isEqualTo(version("v2"));
        JsonNode newest = revisions().get("items").get(0);
        assertThat(newest.get("revision").asText()).isEqualTo(second);
        assertThat(newest.get("source").asText()).isEqualTo("api");
        assertThat(newest.get("author").asText()).isEqualTo("alice");
        assertThat(newest.get("current").asBoolean()).isTrue();
        assertThat(revisions().get("total").asInt()).isEqualTo(6);
        assertThat(revisionOfRun(agent.runToEnd("edited"))).isEqualTo(second);
    }

    @Test
    void refusesUnknownPipelinesAndRevisionsAndADiffWithoutBothRevisions() {
        assertThat(agent.get("/api/v1/pipelines/nowhere/revisions").status()).isEqualTo(404);
        assertThat(agent.get("/api/v1/pipelines/edited/revisions/0123456789ab").status())
                .isEqualTo(404);
        LiveAgent.Answer missing = agent.get("/api/v1/pipelines/edited/revisions/diff?a=0123456789ab");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("'b' is missing");
        assertThat(agent.post("/api/v1/pipelines/edited/revisions/0123456789ab/restore", "{\"version\": \"x\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theCommandLineListsShowsComparesAndRestoresRevisions() throws Exception {
        String first = revisionOf(V1);
        String second = revisionOf(version("v2"));
        edit(version("v2"), 2);

        CliRun.Result list = CliRun.runWithHome(agent.home(), "revisions", "edited");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("REVISION").contains("LOADED", "SOURCE", "BY", "FILE");
            assertThat(lines.get(1)).startsWith(second).contains("reload", "pipelines.yaml", "current");
            assertThat(lines.get(2)).startsWith(first).contains("file").doesNotContain("current");
        });

        CliRun.Result show = CliRun.runWithHome(agent.home(), "revisions", "edited", "--show", first);
        assertThat(show.out()).isEqualTo(V1);

        CliRun.Result diff = CliRun.runWithHome(agent.home(), "revisions", "edited", "--diff", first, second);
        assertThat(diff.out())
                .startsWith("--- pipelines.yaml@" + first + "\n+++ pipelines.yaml@" + second + "\n")
                .contains("+        action_kwargs: { command: echo, args: [\"v2\"] }\n");

        CliRun.Result restore = CliRun.runWithHome(agent.home(), "revisions", "edited", "--restore", first);
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored revision " + first);
        assertThat(Files.readString(file())).isEqualTo(V1);
        assertThat(revisions().get("items").get(0).get("revision").asText()).isEqualTo(first);

        CliRun.Result json = CliRun.runWithHome(agent.home(), "revisions", "edited", "--json");
        assertThat(agent.json.readTree(json.out()).get("total").asInt()).isEqualTo(3);

        CliRun.Result unknown = CliRun.runWithHome(agent.home(), "revisions", "edited", "--show", "0123456789ab");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no revision '0123456789ab'");
    }
}
