package dev.orchestrator.agent.pipeline;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        return start(directory, name -> true, quietPeriod, onChange);
    }

    /**
     * Calls back only for changes of the entries {@code relevant} accepts (by file name): such as the {@code .env}
     * file of a directory that holds other things too.
     */
    public static ConfigWatcher start(Path directory, Predicate<Path> relevant, Duration quietPeriod, Runnable onChange)
            throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        directory.register(
                watcher,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        Thread thread = new Thread(() -> watch(watcher, relevant, quietPeriod, onChange), "config-watcher");
        thread.setDaemon(true);
        thread.start();
        return new ConfigWatcher(watcher, thread);
    }

    private static void watch(WatchService watcher, Predicate<Path> relevant, Duration quietPeriod, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean changed = drain(key, relevant);
                // wait for the burst to end: more events within the quiet period restart the wait
                WatchKey more;
                while ((more = watcher.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(more, relevant);
                }
                if (!changed) {
                    continue;
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

    /** Whether one of the key's events concerns a relevant entry (an overflow may hide one: it counts). */
    private static boolean drain(WatchKey key, Predicate<Path> relevant) {
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            changed |= !(event.context() instanceof Path name) || relevant.test(name);
        }
        key.reset();
        return changed;
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
