package dev.orchestrator.model;

import java.util.Locale;

/**
 * What one attempt of a task may use of its agent while it runs ({@code resources: { memory_mb: 2048, cpu: 1.5 }}),
 * given on the task or, for all its tasks, on the pipeline. A task starts only when its profile fits beside the
 * attempts running on its agent. A key left out asks for none of it. Immutable.
 *
 * @param memoryMb megabytes of memory, at least 0
 * @param cpu      processors, fractions allowed, at least 0
 */
public record ResourceProfile(long memoryMb, double cpu) {

    /** A task without {@code resources:}: it fits beside anything. */
    public static final ResourceProfile NONE = new ResourceProfile(0, 0);

    /**
     * How the reason of a task waiting for its agent's resources begins ({@code waiting for resources: needs 2048 MB,
     * 1.0 CPU; ...}): the API shows such a pending task as {@code queued}.
     */
    public static final String WAITING_REASON_PREFIX = "waiting for resources: ";

    public ResourceProfile {
        if (memoryMb < 0 || !(cpu >= 0) || Double.isInfinite(cpu)) {
            throw new IllegalArgumentException(
                    "a resource profile needs memory_mb >= 0 and a finite cpu >= 0, got " + memoryMb + ", " + cpu);
        }
    }

    /** True when the profile asks for nothing. */
    public boolean isNone() {
        return memoryMb == 0 && cpu == 0;
    }

    /** {@code 2048 MB, 1.5 CPU}. */
    public String describe() {
        return memoryMb + " MB, " + formatCpu(cpu) + " CPU";
    }

    /** {@code 1.5}, {@code 2}, {@code 0.25}: a processor count as a person writes it. */
    public static String formatCpu(double cpu) {
        if (cpu == Math.rint(cpu)) {
            return Long.toString((long) cpu);
        }
        return String.format(Locale.ROOT, "%.2f", cpu).replaceAll("0+$", "");
    }

    /** True for the reason of a task that waits for its agent's resources. */
    public static boolean isWaitingReason(String reason) {
        return reason != null && reason.startsWith(WAITING_REASON_PREFIX);
    }
}
