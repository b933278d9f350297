package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A save through the API is checked against the whole config directory it lands in, not the file alone. */
class SourceSaveTest {

    private static final String ALPHA = """
            pipelines:
              - id: alpha
                tasks:
                  - id: one
                    connector: shell
                    action: run
                    action_kwargs: { command: echo, args: ["alpha"] }
            """;
    private static final String BETA = """
            pipelines:
              - id: beta
                tasks:
                  - id: two
                    connector: shell
                    action: run
                    action_kwargs: { command: echo, args: ["beta"] }
            """;

    @RegisterExtension
    final LiveAgent agent = new LiveAgent(ALPHA);

    private Path beta;

    @BeforeEach
    void secondFile() throws Exception {
        beta = agent.agent.config().resolve("beta.yaml");
        Files.writeString(beta, BETA);
        agent.agent().pipelines().reload();
    }

    private LiveAgent.Answer save(String pipelineId, String text) throws Exception {
        String version = agent.get("/api/v1/pipelines/" + pipelineId + "/source")
                .json(agent.json)
                .get("version")
                .asText();
        return agent.put(
                "/api/v1/pipelines/" + pipelineId + "/source",
                agent.json.writeValueAsString(Map.of("text", text, "version", version)));
    }

    @Test
    void aSaveThatMakesTwoFilesDefineOnePipelineIdIsRefusedAndTheFileIsLeftAsItWas() throws Exception {
        LiveAgent.Answer refused = save("beta", BETA.replace("id: beta", "id: alpha"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode diagnostics = refused.json(agent.json).get("diagnostics");
        assertThat(diagnostics).anySatisfy(diagnostic -> {
            assertThat(diagnostic.get("code").asText()).isEqualTo("ID001");
            assertThat(diagnostic.get("file").asText()).endsWith("beta.yaml");
            assertThat(diagnostic.get("line").asInt()).isEqualTo(2);
        });
        assertThat(diagnostics).anySatisfy(diagnostic -> {
            assertThat(diagnostic.get("code").asText()).isEqualTo("ID001");
            assertThat(diagnostic.get("file").asText()).endsWith("pipelines.yaml");
        });
        assertThat(Files.readString(beta)).isEqualTo(BETA);
        assertThat(agent.get("/api/v1/diagnostics").json(agent.json)).isEmpty();
        assertThat(agent.get("/pipeline/beta").status()).isEqualTo(200);
    }

    @Test
    void aSaveThatRemovesAPipelineAnotherFileTriggersIsRefused() throws Exception {
        String triggering = ALPHA.replace("    tasks:\n", "    on_success: \"trigger:beta\"\n    tasks:\n");
        LiveAgent.Answer triggers = save("alpha", triggering); // beta is in the other file: a valid reference
        assertThat(triggers.status()).as(triggers.body()).isEqualTo(200);

        LiveAgent.Answer refused = save("beta", BETA.replace("id: beta", "id: gamma"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json(agent.json).get("diagnostics")).anySatisfy(diagnostic -> {
            assertThat(diagnostic.get("code").asText()).isEqualTo("HOOK002");
            assertThat(diagnostic.get("file").asText()).endsWith("pipelines.yaml");
        });
        assertThat(Files.readString(beta)).isEqualTo(BETA);
    }

    @Test
    void aGoodSaveBesideAnotherFileIsWritten() throws Exception {
        String renamed = BETA.replace("  - id: beta\n", "  - id: beta\n    name: Second\n");

        LiveAgent.Answer saved = save("beta", renamed);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(Files.readString(beta)).isEqualTo(renamed);
        assertThat(agent.get("/pipeline/beta").json(agent.json).get("name").asText())
                .isEqualTo("Second");
    }
}
