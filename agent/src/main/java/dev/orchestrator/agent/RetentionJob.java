package dev.orchestrator.agent;

import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.agent.store.RunRetention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes finished runs older than the retention period, with their spilled outputs. */
final class RetentionJob implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RunRetention store;
    private final PipelineStateStore pipelineState;
    private final Path outputs;
    private final Duration retention;
    private final Clock clock;

    RetentionJob(RunRetention store, PipelineStateStore pipelineState, Path outputs, Duration retention, Clock clock) {
        this.store = store;
        this.pipelineState = pipelineState;
        this.outputs = outputs;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            List<String> purged = store.purgeFinishedBefore(clock.instant().minus(retention));
            pipelineState.purgeFiresBefore(clock.instant().minus(retention));
            purged.forEach(this::deleteOutputs);
            if (!purged.isEmpty()) {
                LOG.info("purged {} runs that finished more than {} days ago", purged.size(), retention.toDays());
            }
        } catch (RuntimeException e) {
            // a scheduled job that throws is never run again: log, and try tomorrow
            LOG.error("purging old runs failed, will try again in a day: {}", e.toString());
        }
    }

    private void deleteOutputs(String runId) {
        Path directory = outputs.resolve(runId);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete spilled outputs in {}: {}", directory, e.getMessage());
        }
    }
}
