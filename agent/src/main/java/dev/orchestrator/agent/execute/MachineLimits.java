package dev.orchestrator.agent.execute;

import dev.orchestrator.model.ResourceLimits;
import java.lang.management.ManagementFactory;

/** What an agent may give its attempts when it is not told: the machine's physical memory and processors. */
public final class MachineLimits {

    private static final long BYTES_PER_MB = 1024L * 1024;

    private MachineLimits() {}

    /** The machine's physical memory (in whole megabytes) and the processors this JVM may use. */
    public static ResourceLimits of() {
        long memoryMb = 1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memoryMb = Math.max(1, os.getTotalMemorySize() / BYTES_PER_MB);
        } else {
            memoryMb = Math.max(1, Runtime.getRuntime().maxMemory() / BYTES_PER_MB); // no better figure on this JVM
        }
        return new ResourceLimits(memoryMb, Runtime.getRuntime().availableProcessors());
    }
}
