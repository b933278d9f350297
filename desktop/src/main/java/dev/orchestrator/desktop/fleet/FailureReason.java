package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.client.AgentException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Why an agent did not do what the fleet asked, in the few words a result row has room for: {@code unreachable:
 * connection refused}, {@code token refused}, or the agent's own reason. No JavaFX; stateless.
 */
final class FailureReason {

    private FailureReason() {}

    static String of(AgentException failure) {
        return switch (failure.kind()) {
            case UNREACHABLE -> "unreachable: " + network(failure.getCause(), failure.getMessage());
            case UNAUTHORIZED -> "token refused: paste the agent's `orchestrator token` into its profile";
            case REFUSED -> "refused (HTTP " + failure.status() + "): " + failure.getMessage();
        };
    }

    static String of(RuntimeException failure) {
        return failure instanceof AgentException agent ? of(agent) : "failed: " + failure;
    }

    /** The network's reason, from the innermost cause that names one. */
    private static String network(Throwable cause, String otherwise) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof ConnectException) {
                // "Connection refused" nearly always (the agent is down); a firewall that drops packets times out
                return String.valueOf(innermost(at).getMessage()).contains("timed out")
                        ? "connect timed out"
                        : "connection refused";
            }
            if (at instanceof SocketTimeoutException) {
                return "no answer in time";
            }
            if (at instanceof UnknownHostException) {
                return "unknown host " + at.getMessage();
            }
        }
        return cause == null || cause.getMessage() == null ? otherwise : cause.getMessage();
    }

    private static Throwable innermost(Throwable failure) {
        Throwable at = failure;
        while (at.getCause() != null && at.getCause() != at) {
            at = at.getCause();
        }
        return at;
    }
}
