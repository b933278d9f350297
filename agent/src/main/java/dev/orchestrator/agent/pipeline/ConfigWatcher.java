package dev.orchestrator.agent.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches the config directory and calls back once per burst of changes (an editor's save is often several
 * events), a short quiet period after the last one.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final WatchService watcher;
    private final Thread thread;

    private ConfigWatcher(WatchService watcher, Thread thread) {
        this.watcher = watcher;
        this.thread = thread;
    }

    public static ConfigWatcher start(Path directory, Duration quietPeriod, Runnable onChange) throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        Thread thread = new Thread(() -> watch(watcher, quietPeriod, onChange), "config-watcher");
        thread.setDaemon(true);
        thread.start();
        return new ConfigWatcher(watcher, thread);
    }

    private static void watch(WatchService watcher, Duration quietPeriod, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                drain(key);
                // wait for the burst to end: more events within the quiet period restart the wait
                WatchKey more;
                while ((more = watcher.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.error("reloading the pipelines failed; the previous ones keep running: {}", e.toString());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the agent is stopping
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the config watcher: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
