package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The CLI's run table: an AGENT column only when the runs come from several agents of a cluster. */
class RunRowsTest {

    private static String print(String runs) throws Exception {
        JsonNode items = new ObjectMapper().readTree(runs);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            new RunRows(new HumanReadable(ZoneId.of("UTC"))).table(items).print(out);
        }
        return text.toString();
    }

    private static String run(String runId, String agentId) {
        return """
                {"run_id":"%s","pipeline_id":"load","status":"success","trigger":"schedule",
                 "started_at":"2026-11-21T06:00:00Z","finished_at":"2026-11-21T06:00:02Z","agent_id":"%s"}""".formatted(runId, agentId);
    }

    @Test
    void namesTheAgentOfEachRunOnlyWhenThereAreSeveral() throws Exception {
        String cluster = print("[" + run("r2", "agent-2") + "," + run("r1", "agent-1") + "]");
        String single = print("[" + run("r2", "laptop") + "," + run("r1", "laptop") + "]");

        assertThat(cluster.lines().findFirst().orElseThrow()).endsWith("AGENT");
        assertThat(cluster.lines().skip(1))
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("r2").endsWith("agent-2"),
                        line -> assertThat(line).startsWith("r1").endsWith("agent-1"));
        assertThat(single).doesNotContain("AGENT").doesNotContain("laptop");
    }
}
