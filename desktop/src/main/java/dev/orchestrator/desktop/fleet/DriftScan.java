package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds drift: reads the file of each pipeline that several agents declare ({@code GET
 * /api/v1/pipelines/{id}/source}, as the editor opens it) and groups the agents by its text. Given one agent per
 * history: agents of a cluster share one database, and are not compared with each other. An agent that fails to
 * answer is left out of the comparison and named in the report's problems, and is asked nothing more. Blocking: call
 * it off the FX thread. No JavaFX; stateless.
 */
public final class DriftScan {

    /** One agent to compare: its name, its client and the pipelines it declared when last read. */
    public record Agent(String name, AgentClient client, List<String> pipelineIds) {}

    /**
     * What a scan found.
     *
     * @param compared how many pipelines were declared by several agents and compared
     * @param problems one line per agent that did not answer: {@code staging: unreachable: connection refused}
     */
    public record Report(List<Drift> drifts, int compared, List<String> problems) {}

    private DriftScan() {}

    public static Report scan(List<Agent> agents) {
        Map<String, List<Agent>> declaring = new LinkedHashMap<>();
        for (Agent agent : agents) {
            for (String pipelineId : new LinkedHashSet<>(agent.pipelineIds())) {
                declaring.computeIfAbsent(pipelineId, id -> new ArrayList<>()).add(agent);
            }
        }
        Set<String> down = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        List<Drift> drifts = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, List<Agent>> pipeline : new TreeMap<>(declaring).entrySet()) {
            if (pipeline.getValue().size() < 2) {
                continue;
            }
            Map<String, List<Drift.Holder>> byText = new LinkedHashMap<>();
            for (Agent agent : pipeline.getValue()) {
                if (down.contains(agent.name())) {
                    continue;
                }
                try {
                    AgentClient.Source source = agent.client().source(pipeline.getKey());
                    byText.computeIfAbsent(normalised(source.text()), text -> new ArrayList<>())
                            .add(new Drift.Holder(agent.name(), source.file(), source.version()));
                } catch (AgentException e) {
                    if (e.kind() == AgentException.Kind.REFUSED) { // this pipeline only: say which
                        problems.add(agent.name() + ": " + pipeline.getKey() + ": " + FailureReason.of(e));
                    } else {
                        down.add(agent.name());
                        problems.add(agent.name() + ": " + FailureReason.of(e));
                    }
                }
            }
            int holders = byText.values().stream().mapToInt(List::size).sum();
            if (holders < 2) {
                continue;
            }
            compared++;
            if (byText.size() > 1) {
                List<Drift.Variant> variants = new ArrayList<>();
                byText.forEach((text, held) -> variants.add(new Drift.Variant(text, held)));
                variants.sort(Comparator.comparingInt(
                                (Drift.Variant variant) -> variant.holders().size())
                        .reversed());
                drifts.add(new Drift(pipeline.getKey(), variants));
            }
        }
        return new Report(drifts, compared, problems);
    }

    /** Line endings do not make a drift: a file saved on Windows reads the same to the agent. */
    private static String normalised(String text) {
        return text.replace("\r\n", "\n");
    }
}
