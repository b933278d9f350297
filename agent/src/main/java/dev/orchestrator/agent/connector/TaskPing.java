package dev.orchestrator.agent.connector;

import java.nio.file.Path;
import java.util.Map;

/**
 * A connector whose reachability depends on more than its {@code connector_config}: the config directory its
 * relative paths start from, or the task's arguments (the program a shell task runs). {@link ConnectorPinger}
 * asks it instead of a plain {@code boolean ping()}. Implementations must not change anything they check.
 */
public interface TaskPing {

    /** What one check found; {@code detail} says what was checked, or why nothing could be. */
    record Result(ConnectorPinger.Status status, String detail) {

        public static Result reachable(String detail) {
            return new Result(ConnectorPinger.Status.OK, detail);
        }

        public static Result unreachable(String detail) {
            return new Result(ConnectorPinger.Status.FAILED, detail);
        }

        public static Result notCheckable(String detail) {
            return new Result(ConnectorPinger.Status.NOT_CHECKABLE, detail);
        }
    }

    /**
     * @param configDirectory the directory of the pipeline files, as tasks resolve relative paths against it
     * @param actionKwargs    the task's {@code action_kwargs}, rendered
     */
    Result ping(Path configDirectory, Map<String, Object> actionKwargs);
}
