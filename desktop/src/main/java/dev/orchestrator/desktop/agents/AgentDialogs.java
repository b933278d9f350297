package dev.orchestrator.desktop.agents;

import dev.orchestrator.desktop.client.AgentProfile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the agents screen asks the user. The console answers with JavaFX dialogs ({@link FxAgentDialogs}); a
 * view-model test answers directly. Called on the UI thread; an empty answer means the user cancelled.
 */
public interface AgentDialogs {

    /** A name, address and token: a new agent when {@code current} is null, else that one changed. */
    Optional<AgentProfile> askProfile(AgentProfile current);

    /** The folder of pipelines (*.yaml) the local agent is to run. */
    Optional<Path> askPipelinesFolder();
}
