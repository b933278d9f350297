package dev.orchestrator.agent.api;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.readme.Readme;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every YAML example of the README runs as printed: each block is checked by the validator the agent uses (a whole
 * file as it is, a block marked {@link Readme#TASK_FRAGMENT} as the tasks of a pipeline), an agent loads them all
 * from a config directory that holds the repository's {@code pipelines/} scripts and data (as {@code --config
 * pipelines} does), and the examples that can run by themselves run to success, the waiting one with the event the
 * README posts.
 */
class ReadmeExamplesTest {

    private static final Path EXAMPLE_PIPELINES = Path.of("..", "pipelines");
    private static final List<Readme.Block> BLOCKS = Readme.read().blocks("yaml");

    @RegisterExtension
    final LiveAgent agent = new LiveAgent(allExamples());

    /**
     * Every example in one file: the whole files' pipelines, and each fragment as a pipeline of its own; a block's
     * other top-level sections (the pools it declares) go after all the pipelines.
     */
    private static String allExamples() {
        StringBuilder pipelines = new StringBuilder("pipelines:\n");
        StringBuilder others = new StringBuilder();
        for (Readme.Block block : BLOCKS) {
            StringBuilder section = others;
            for (String line : asFile(block).split("\n", -1)) {
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                    section = line.startsWith("pipelines:") ? pipelines : others;
                    if (section == pipelines) {
                        continue;
                    }
                }
                section.append(line).append('\n');
            }
        }
        return pipelines.append(others).toString();
    }

    /** The block as a pipeline file: as it is, or its tasks in a pipeline named after its line. */
    private static String asFile(Readme.Block block) {
        if (!block.fragment()) {
            return block.text();
        }
        String indent = block.text()
                .lines()
                .filter(line -> !line.isBlank())
                .findFirst()
                .orElseThrow()
                .replaceAll("\\S.*$", "");
        StringBuilder tasks = new StringBuilder();
        block.text()
                .lines()
                .forEach(line -> tasks.append("      ")
                        .append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
                        .append('\n'));
        return "pipelines:\n  - id: readme_line_" + block.line() + "\n    tasks:\n" + tasks;
    }

    @Test
    void everyYamlBlockIsAPipelineFileOrMarkedAsTasks() {
        assertThat(BLOCKS).as("the README's YAML blocks").hasSizeGreaterThanOrEqualTo(3);
        assertThat(BLOCKS)
                .allSatisfy(block -> assertThat(block.fragment() || block.text().startsWith("pipelines:"))
                        .as(
                                "README.md:%d: a YAML block is a whole pipeline file, or is marked %s on the line before it",
                                block.line(), Readme.TASK_FRAGMENT)
                        .isTrue());
    }

    @Test
    void everyYamlBlockValidates() {
        List<String> problems = new ArrayList<>();
        for (Readme.Block block : BLOCKS) {
            String text = asFile(block);
            JsonNode answer = agent.post(
                            "/api/v1/validate",
                            agent.json
                                    .createObjectNode()
                                    .put("text", text)
                                    .put("file", "readme.yaml")
                                    .toString())
                    .json(agent.json);
            int offset = block.line() - 1 - (block.fragment() ? 3 : 0);
            answer.get("diagnostics")
                    .forEach(diagnostic -> problems.add("README.md:"
                            + (diagnostic.get("line").asInt() + offset) + " "
                            + diagnostic.get("code").asText() + " "
                            + diagnostic.get("message").asText()));
        }

        assertThat(problems)
                .as("what the validator finds in the README's examples")
                .isEmpty();
    }

    @Test
    void theAgentLoadsEveryExample() {
        JsonNode diagnostics = agent.get("/api/v1/diagnostics").json(agent.json);
        JsonNode pipelines = agent.get("/pipelines").json(agent.json);

        assertThat(diagnostics.toString()).as("diagnostics").isIn("[]", "{\"items\":[]}");
        assertThat(pipelines.findValuesAsText("id")).contains("hello", "order_fulfilment");
    }

    @Test
    void theMinimalPipelineRunsAsPrinted() throws Exception {
        String runId = agent.runToEnd("hello");

        JsonNode run = agent.get("/api/v1/runs/" + runId).json(agent.json);
        assertThat(run.get("status").asText()).as("%s", run).isEqualTo("success");
        // the output is stdout, stored as JSON: here a string
        assertThat(agent.json
                        .readTree(run.get("tasks").get(0).get("output").asText())
                        .asText())
                .matches("hello for \\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void theWaitingTaskExampleRunsAsPrintedWithTheEventTheReadmePosts() throws Exception {
        copyExampleScripts();
        String runId = agent.post("/trigger/order_fulfilment", "{\"params\": {\"order_id\": \"42\"}}")
                .json(agent.json)
                .get("run_id")
                .asText();

        // the README's curl: -d '{"key": "42", "payload": {"carrier": "dhl"}}' .../api/v1/events/order_ready
        JsonNode delivered = agent.post(
                        "/api/v1/events/order_ready", "{\"key\": \"42\", \"payload\": {\"carrier\": \"dhl\"}}")
                .json(agent.json);
        assertThat(delivered.get("event").asText()).isEqualTo("order_ready");

        assertThat(agent.awaitEnd(runId))
                .as("%s", agent.get("/api/v1/runs/" + runId).body())
                .isEqualTo(RunState.SUCCESS);
        JsonNode ship = task(agent.get("/api/v1/runs/" + runId).json(agent.json), "ship");
        assertThat(agent.json.readTree(ship.get("output").asText()))
                .isEqualTo(agent.json.readTree("{\"shipped\": true, \"order\": {\"carrier\": \"dhl\"}}"));
    }

    /** The scripts the examples run, where {@code --config pipelines} finds them (relative to the config directory). */
    private void copyExampleScripts() throws IOException {
        Path target = Files.createDirectories(agent.agent.config().resolve("scripts"));
        try (Stream<Path> scripts = Files.list(EXAMPLE_PIPELINES.resolve("scripts"))) {
            for (Path script : scripts.toList()) {
                Files.copy(script, target.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
