package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ActionInvoker;
import dev.orchestrator.agent.connector.ConnectorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-file plugins compiled once and their class files kept in a cache directory that every process (here:
 * every new {@link PluginLoader}, which holds nothing in memory between loads) reuses.
 */
class CompiledPluginCacheTest {

    @TempDir
    Path directory;

    private static String demo(String greeting) {
        return """
                @dev.orchestrator.connector.Connector("demo")
                public class Demo {
                    public String greet(String name) { return "%s " + name; }
                }
                """.formatted(greeting);
    }

    private static Object greet(Plugins loaded) throws Exception {
        assertThat(loaded.problems()).isEmpty();
        ConnectorType type = ConnectorType.of(loaded.connectors().get(0), JsonMapper.create());
        return new ActionInvoker(JsonMapper.create())
                .invoke(type, type.newInstance(Map.of()), "greet", Map.of("name", "ada"), null, null);
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> children = Files.list(cache)) {
            return children.filter(Files::isDirectory).toList();
        }
    }

    private static Path onlyEntry(Path cache) throws IOException {
        List<Path> entries = entries(cache);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static void replaceContents(Path entry, Path with) throws IOException {
        try (Stream<Path> files = Files.list(entry)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> files = Files.list(with)) {
            for (Path file : files.toList()) {
                Files.copy(file, entry.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void loadingAnUnchangedSourceAgainTakesItsClassesFromTheCacheInsteadOfCompiling() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        assertThat(greet(new PluginLoader(cache, "1.0").load(plugins))).isEqualTo("hello ada");
        Path entry = onlyEntry(cache);
        // swap in the class files of another Demo.java: only a load that skips the compiler can answer with them
        Path elsewhere = Files.createDirectory(directory.resolve("elsewhere"));
        Path otherCache = directory.resolve("other-cache");
        Files.writeString(elsewhere.resolve("Demo.java"), demo("from the cache,"));
        new PluginLoader(otherCache, "1.0").load(elsewhere);
        replaceContents(entry, onlyEntry(otherCache));

        Object answer = greet(new PluginLoader(cache, "1.0").load(plugins));

        assertThat(answer).isEqualTo("from the cache, ada");
        assertThat(entries(cache)).containsExactly(entry);
    }

    @Test
    void aChangedSourceIsCompiledAgain() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        assertThat(greet(new PluginLoader(cache, "1.0").load(plugins))).isEqualTo("hello ada");

        Files.writeString(plugins.resolve("Demo.java"), demo("hi"));

        assertThat(greet(new PluginLoader(cache, "1.0").load(plugins))).isEqualTo("hi ada");
        assertThat(entries(cache)).hasSize(2);
    }

    @Test
    void anotherOrchestratorVersionCompilesAgain() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        new PluginLoader(cache, "1.0").load(plugins);

        assertThat(greet(new PluginLoader(cache, "1.1").load(plugins))).isEqualTo("hello ada");

        assertThat(entries(cache)).hasSize(2);
    }

    @Test
    void aClassFileThatNoLongerMatchesItsHashIsCompiledAgainRatherThanFailing() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        new PluginLoader(cache, "1.0").load(plugins);
        Path classFile = onlyEntry(cache).resolve("Demo.class");
        Files.write(classFile, new byte[] {(byte) 0xCA, (byte) 0xFE}); // cut short, as by a full disk

        Object answer = greet(new PluginLoader(cache, "1.0").load(plugins));

        assertThat(answer).isEqualTo("hello ada");
        assertThat(Files.readAllBytes(onlyEntry(cache).resolve("Demo.class")).length)
                .isGreaterThan(2);
    }

    @Test
    void anEntryWhoseClassesDoNotLoadIsCompiledAgainRatherThanFailing() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        new PluginLoader(cache, "1.0").load(plugins);
        Path entry = onlyEntry(cache);
        byte[] garbage = "not a class file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(entry.resolve("Demo.class"), garbage);
        // a list that vouches for the garbage: the class loader is the last line of defence
        Files.writeString(
                entry.resolve("classes.list"),
                java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(garbage)) + " Demo\n");

        Object answer = greet(new PluginLoader(cache, "1.0").load(plugins));

        assertThat(answer).isEqualTo("hello ada");
    }

    @Test
    void anEntryWithoutItsListIsNotUsed() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        new PluginLoader(cache, "1.0").load(plugins);
        Files.delete(onlyEntry(cache).resolve("classes.list"));

        assertThat(greet(new PluginLoader(cache, "1.0").load(plugins))).isEqualTo("hello ada");
        assertThat(onlyEntry(cache).resolve("classes.list")).isRegularFile();
    }

    @Test
    void twoLoadersCompilingOneSourceAtOnceBothLoadItAndLeaveOneWholeEntry() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (int loader = 0; loader < 2; loader++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return greet(new PluginLoader(cache, "1.0").load(plugins));
                }));
            }
            start.countDown();
            for (Future<Object> answer : answers) {
                assertThat(answer.get(2, TimeUnit.MINUTES)).isEqualTo("hello ada");
            }
        } finally {
            threads.shutdownNow();
        }

        try (Stream<Path> children = Files.list(cache)) {
            assertThat(children.map(child -> child.getFileName().toString()))
                    .singleElement()
                    .satisfies(name -> assertThat(name).doesNotStartWith("."));
        }
        assertThat(greet(new PluginLoader(cache, "1.0").load(plugins))).isEqualTo("hello ada");
    }

    @Test
    void entriesUnusedForAMonthAreRemovedWhenANewOneIsWritten() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path cache = directory.resolve("cache");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));
        new PluginLoader(cache, "1.0").load(plugins);
        Path old = onlyEntry(cache);
        Files.setLastModifiedTime(
                old.resolve("classes.list"),
                FileTime.from(
                        Instant.now().minus(CompiledPluginCache.UNUSED_FOR).minus(Duration.ofDays(1))));

        Files.writeString(plugins.resolve("Demo.java"), demo("hi"));
        new PluginLoader(cache, "1.0").load(plugins);

        assertThat(entries(cache)).hasSize(1).doesNotContain(old);
    }

    @Test
    void anUnwritableCacheOnlyMeansCompilingEveryTime() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Path notADirectory = Files.writeString(directory.resolve("cache"), "a file where the cache would be");
        Files.writeString(plugins.resolve("Demo.java"), demo("hello"));

        assertThat(greet(new PluginLoader(notADirectory, "1.0").load(plugins))).isEqualTo("hello ada");
    }
}
