package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.AgentHome;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.agent.plugin.PluginLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the CLI's commands that load plugins ({@code validate}, {@code ping}) keep compiled single-file plugins:
 * in the agent home when one exists ({@code $ORCHESTRATOR_HOME} or {@code ~/.orchestrator}), shared with the
 * agent; else in the user's cache directory, so that checking a project never creates an agent home.
 */
final class PluginCacheLocation {

    private PluginCacheLocation() {}

    static PluginLoader loader() {
        return new PluginLoader(directory(), VersionProvider.version());
    }

    static Path directory() {
        Path home = AgentHome.defaultLocation();
        if (Files.isDirectory(home)) {
            return AgentHome.locate(home).pluginCache();
        }
        return userCache().resolve("orchestrator").resolve("plugins");
    }

    /** The platform's per-user cache directory. */
    private static Path userCache() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path userHome = Path.of(System.getProperty("user.home"));
        if (os.startsWith("windows")) {
            return environment("LOCALAPPDATA")
                    .map(Path::of)
                    .orElse(userHome.resolve("AppData").resolve("Local"));
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Caches");
        }
        return environment("XDG_CACHE_HOME")
                .map(Path::of)
                .filter(Path::isAbsolute)
                .orElse(userHome.resolve(".cache"));
    }

    private static Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
