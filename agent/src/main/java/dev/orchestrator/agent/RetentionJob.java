package dev.orchestrator.agent;

import dev.orchestrator.agent.store.RunRetention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished runs older than the retention period, with their spilled outputs, and what else the agent keeps
 * as history for as long: the fires that did not run, missed deadlines, the audit log.
 */
final class RetentionJob implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RunRetention store;
    private final List<ToIntFunction<Instant>> alsoPurged;
    private final Path outputs;
    private final Duration retention;
    private final Clock clock;

    /** @param alsoPurged each deletes its rows older than the cutoff it is given */
    RetentionJob(
            RunRetention store,
            List<ToIntFunction<Instant>> alsoPurged,
            Path outputs,
            Duration retention,
            Clock clock) {
        this.store = store;
        this.alsoPurged = List.copyOf(alsoPurged);
        this.outputs = outputs;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            Instant cutoff = clock.instant().minus(retention);
            List<String> purged = store.purgeFinishedBefore(cutoff);
            int otherRows = alsoPurged.stream()
                    .mapToInt(purge -> purge.applyAsInt(cutoff))
                    .sum();
            purged.forEach(this::deleteOutputs);
            if (!purged.isEmpty() || otherRows > 0) {
                LOG.info(
                        "purged {} runs and {} other rows of history (fires not run, missed deadlines, audit) older"
                                + " than {} days",
                        purged.size(),
                        otherRows,
                        retention.toDays());
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
