package dev.orchestrator.agent.plugin;

import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.Hook;
import dev.orchestrator.connector.HookHandler;
import dev.orchestrator.connector.PluginProvider;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Position;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins directory: each JAR in a class loader of its own (so two plugins may bundle different
 * versions of one library), found through {@link ServiceLoader}; each single {@code .java} file compiled in
 * a child JVM, or taken from the cache of compiled plugins when its source is unchanged. A plugin that fails is reported and skipped; the others, and the agent, go on.
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private final SourcePluginCompiler compiler;
    // per plugin file, what its version seen last gave: a load again takes an unchanged file's classes as they are
    // (a JAR's JDBC driver is registered once), and loads only what changed
    private final Map<Path, Loaded> loaded = new java.util.HashMap<>();

    /** What one plugin file gave, and which version of it. */
    private record Loaded(
            Object stamp, List<Class<?>> connectors, Map<String, HookHandler> hooks, List<Diagnostic> problems) {}

    /** A loader that compiles every single-file plugin at every load and keeps nothing. */
    public PluginLoader() {
        this.compiler = new SourcePluginCompiler(Optional.empty());
    }

    /**
     * A loader that keeps the class files of single-file plugins in {@code cacheDirectory} (for an agent,
     * {@code <home>/cache/plugins}) and compiles a source again only when it, the Java runtime or the
     * orchestrator's build changed.
     *
     * @param version the orchestrator's version, part of each entry's key
     */
    public PluginLoader(Path cacheDirectory, String version) {
        this.compiler = new SourcePluginCompiler(
                Optional.of(new CompiledPluginCache(cacheDirectory, CompiledPluginCache.build(version))));
    }

    /**
     * The plugins of {@code directory} as it is now. Called again, it loads only the files that changed since
     * (size, modification time or inode): a changed file is compiled or loaded anew, into a class loader of its
     * own, and the classes of the version before stay with whatever still uses them.
     */
    public synchronized Plugins load(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Plugins.none();
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.sorted().toList();
        } catch (IOException e) {
            return new Plugins(
                    List.of(),
                    Map.of(),
                    List.of(problem(directory, 1, "cannot list the plugins " + "directory: " + e.getMessage())));
        }
        List<Class<?>> connectors = new ArrayList<>();
        Map<String, HookHandler> hooks = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        Map<Path, Loaded> now = new java.util.HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".jar") && !name.endsWith(".java")) {
                continue;
            }
            Object stamp = stamp(file);
            Loaded before = loaded.get(file);
            boolean unchanged = before != null && before.stamp().equals(stamp);
            Loaded result = unchanged ? before : loadFile(file, stamp);
            now.put(file, result);
            connectors.addAll(result.connectors());
            hooks.putAll(result.hooks());
            problems.addAll(result.problems());
            if (!unchanged) {
                result.problems().forEach(diagnostic -> LOG.error("{}", diagnostic.toLine()));
            }
        }
        loaded.clear();
        loaded.putAll(now);
        if (!connectors.isEmpty() || !hooks.isEmpty()) {
            LOG.info(
                    "plugins: connectors {}, hooks {}",
                    connectors.stream()
                            .map(type -> type.getAnnotation(Connector.class).value())
                            .toList(),
                    hooks.keySet());
        }
        return new Plugins(connectors, hooks, problems);
    }

    private Loaded loadFile(Path file, Object stamp) {
        String name = file.getFileName().toString();
        List<Class<?>> connectors = new ArrayList<>();
        Map<String, HookHandler> hooks = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        try {
            if (name.endsWith(".jar")) {
                loadJar(file, connectors, hooks);
            } else {
                SourcePluginCompiler.Result result = compiler.compile(file);
                problems.addAll(result.problems());
                for (Class<?> type : result.classes()) {
                    if (type.isAnnotationPresent(Connector.class)) {
                        connectors.add(type);
                    } else if (type.isAnnotationPresent(Hook.class) && HookHandler.class.isAssignableFrom(type)) {
                        addHook(type.asSubclass(HookHandler.class), hooks);
                    }
                }
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Loaded(
                    stamp,
                    List.of(),
                    Map.of(),
                    List.of(problem(file, 1, "plugin " + name + " could not be loaded: " + e)));
        }
        return new Loaded(stamp, List.copyOf(connectors), Map.copyOf(hooks), List.copyOf(problems));
    }

    /** What tells one version of a file from the next. */
    private static Object stamp(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attributes =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return List.of(); // gone meanwhile: loading it says so
        }
    }

    private static void loadJar(Path jar, List<Class<?>> connectors, Map<String, HookHandler> hooks)
            throws IOException, ReflectiveOperationException {
        URLClassLoader loader = new PluginClassLoader(new URL[] {toUrl(jar)}, PluginLoader.class.getClassLoader());
        int found = 0;
        for (PluginProvider provider : ServiceLoader.load(PluginProvider.class, loader)) {
            if (provider.getClass().getClassLoader() != loader) {
                continue; // a provider of another plugin, seen through the parent
            }
            connectors.addAll(provider.connectors());
            for (Class<? extends HookHandler> hook : provider.hooks()) {
                addHook(hook, hooks);
            }
            found++;
        }
        for (java.sql.Driver driver : ServiceLoader.load(java.sql.Driver.class, loader)) {
            if (driver.getClass().getClassLoader() == loader) {
                try {
                    java.sql.DriverManager.registerDriver(new DriverShim(driver));
                    LOG.info(
                            "plugin {}: JDBC driver {}",
                            jar.getFileName(),
                            driver.getClass().getName());
                    found++;
                } catch (java.sql.SQLException e) {
                    throw new IOException(
                            "its JDBC driver " + driver.getClass().getName() + " cannot be registered", e);
                }
            }
        }
        if (found == 0) {
            throw new IOException("it declares no " + PluginProvider.class.getName() + " and no java.sql.Driver in "
                    + "META-INF/services");
        }
    }

    private static void addHook(Class<? extends HookHandler> type, Map<String, HookHandler> hooks)
            throws ReflectiveOperationException {
        Hook hook = type.getAnnotation(Hook.class);
        if (hook == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @Hook");
        }
        hooks.put(hook.value(), type.getConstructor().newInstance());
    }

    private static URL toUrl(Path file) throws MalformedURLException {
        return file.toUri().toURL();
    }

    static Diagnostic problem(Path file, int line, String message) {
        return Diagnostic.of(
                new Position(file.toString(), line, 1),
                DiagnosticCode.PLUGIN_FAILED,
                message,
                "fix the plugin, or move it out of the plugins directory; the other plugins and pipelines run");
    }
}
