package dev.orchestrator.yaml;

import dev.orchestrator.model.ResourceProfile;
import java.util.Optional;

/**
 * Binds the {@code resources: { memory_mb: 2048, cpu: 1.5 }} of a pipeline or a task. Whether an agent can ever give
 * them is the validator's, and only an agent knows (its {@code --max-memory-mb} and {@code --max-cpu}).
 */
final class ResourceReader {

    /** 16 TB: more than any machine this runs on. */
    static final int MAX_MEMORY_MB = 16 * 1024 * 1024;

    static final double MAX_CPU = 4096;

    private ResourceReader() {}

    /**
     * The profile of a pipeline or a task: each key its own, else the inherited one's (its pipeline's); empty when
     * neither gives {@code resources}.
     */
    static Optional<ResourceProfile> read(MappingReader owner, Optional<ResourceProfile> inherited) {
        Optional<MappingReader> found =
                owner.mapping("resources", "the resources of " + owner.owner(), FormatKeys.RESOURCES);
        if (found.isEmpty()) {
            return inherited;
        }
        MappingReader resources = found.get();
        long memoryMb = resources
                .integer("memory_mb", 0, MAX_MEMORY_MB)
                .map(Integer::longValue)
                .orElse(inherited.map(ResourceProfile::memoryMb).orElse(0L));
        double cpu = resources
                .number("cpu", 0, MAX_CPU)
                .orElse(inherited.map(ResourceProfile::cpu).orElse(0.0));
        return Optional.of(new ResourceProfile(memoryMb, cpu));
    }
}
