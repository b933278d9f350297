package dev.orchestrator.model;

/**
 * What an agent may give the attempts it runs, all at once ({@code --max-memory-mb}, {@code --max-cpu}). Immutable.
 *
 * @param maxMemoryMb megabytes of memory, at least 1
 * @param maxCpu      processors, fractions allowed, greater than 0
 */
public record ResourceLimits(long maxMemoryMb, double maxCpu) {

    public ResourceLimits {
        if (maxMemoryMb < 1 || !(maxCpu > 0) || Double.isInfinite(maxCpu)) {
            throw new IllegalArgumentException(
                    "an agent's resource limits need max memory >= 1 MB and a finite max cpu > 0, got " + maxMemoryMb
                            + " MB, " + maxCpu + " CPU");
        }
    }

    /** True when the profile could run on this agent at all, alone. */
    public boolean canEverFit(ResourceProfile profile) {
        return profile.memoryMb() <= maxMemoryMb && profile.cpu() <= maxCpu;
    }
}
