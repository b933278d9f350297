package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What can be done to pipelines across the fleet, each through the agent's own endpoint ({@code POST /pause/{id}},
 * {@code /resume/{id}}, {@code /trigger/{id}} with the pipeline's default parameters).
 */
public enum FleetAction {
    PAUSE("Pause"),
    RESUME("Resume"),
    TRIGGER("Trigger");

    private final String verb;

    FleetAction(String verb) {
        this.verb = verb;
    }

    /** {@code Pause}, as a button says it. */
    public String verb() {
        return verb;
    }

    /** @return what the agent did, as a result row says it */
    String perform(AgentClient client, String pipelineId) {
        return switch (this) {
            case PAUSE -> {
                client.pause(pipelineId);
                yield "paused";
            }
            case RESUME -> {
                client.resume(pipelineId);
                yield "resumed";
            }
            case TRIGGER -> "run " + client.trigger(pipelineId, Map.of()) + " started";
        };
    }

    /**
     * Applies this action to an agent's pipelines, one after the other. A pipeline the agent refuses fails alone; once
     * the agent cannot be reached (or refuses the token), its remaining pipelines fail with the same reason, unasked.
     * Blocking: call it off the FX thread.
     */
    List<FleetOutcome> applyTo(String agent, AgentClient client, List<String> pipelineIds) {
        List<FleetOutcome> outcomes = new ArrayList<>();
        String down = null;
        for (String pipelineId : pipelineIds) {
            if (down != null) {
                outcomes.add(new FleetOutcome(agent, pipelineId, false, down));
                continue;
            }
            try {
                outcomes.add(new FleetOutcome(agent, pipelineId, true, perform(client, pipelineId)));
            } catch (AgentException e) {
                String reason = FailureReason.of(e);
                if (e.kind() != AgentException.Kind.REFUSED) {
                    down = reason;
                }
                outcomes.add(new FleetOutcome(agent, pipelineId, false, reason));
            } catch (RuntimeException e) {
                outcomes.add(new FleetOutcome(agent, pipelineId, false, FailureReason.of(e)));
            }
        }
        return outcomes;
    }

    @Override
    public String toString() {
        return verb.toLowerCase(Locale.ROOT);
    }
}
