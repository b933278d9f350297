package dev.orchestrator.agent;

import dev.orchestrator.agent.file.OwnerOnlyFiles;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening the home for a starting agent. Apart from {@link AgentHome} because it logs: every command of the CLI
 * opens the home, and a logger there made each of them load and start the logging library
 * ({@code RemoteCommandsTest.listAsItsOwnProgramLoadsNeitherTheLoggingNorTls}).
 */
final class StartingHome {

    // the starting agent's own lines, as they were when the agent's assembly tightened the home itself
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private StartingHome() {}

    /**
     * The home as a starting agent takes it: {@link AgentHome#open}ed, then {@link AgentHome#tighten()}ed, with a warning that says
     * how much group or others could use until now, and which files could not be changed.
     */
    static AgentHome open(Path root) {
        AgentHome home = AgentHome.open(root);
        OwnerOnlyFiles.Tightening tightening = home.tighten();
        if (!tightening.tightened().isEmpty()) {
            LOG.warn(
                    "tightened the permissions of the agent home {}: {} files and directories in it were open to "
                            + "other users (such as {}); now only their owner may use them",
                    home.root(),
                    tightening.tightened().size(),
                    tightening.tightened().get(0));
        }
        for (String refused : tightening.refused()) {
            LOG.warn(
                    "cannot make {} in the agent home readable by its owner only; give it to the agent's user "
                            + "(chown) or remove it",
                    refused);
        }
        return home;
    }
}
