package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ActionInvoker;
import dev.orchestrator.agent.connector.ConnectorType;
import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.HookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins as users drop them into the plugins directory: single .java files, and JARs built here. */
class PluginLoaderTest {

    @TempDir
    Path directory;

    private Object call(Class<?> connector, String action, Map<String, Object> arguments) throws Exception {
        ConnectorType type = ConnectorType.of(connector, JsonMapper.create());
        return new ActionInvoker(JsonMapper.create())
                .invoke(type, type.newInstance(Map.of()), action, arguments, null, null);
    }

    @Test
    void aSingleJavaFileIsCompiledAndItsConnectorAndHookFound() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Files.writeString(plugins.resolve("Demo.java"), """
                import dev.orchestrator.connector.*;
                import java.util.*;

                @Connector("demo")
                public class Demo {
                    public String greet(String name) { return "hello " + name; }

                    @Hook("shout")
                    public static class Shout implements HookHandler {
                        public static final List<String> HEARD = new ArrayList<>();
                        public void handle(HookEvent event) { HEARD.add(event.runId()); }
                    }
                }
                """);

        Plugins loaded = new PluginLoader().load(plugins);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.connectors())
                .singleElement()
                .satisfies(type ->
                        assertThat(type.getAnnotation(Connector.class).value()).isEqualTo("demo"));
        assertThat(call(loaded.connectors().get(0), "greet", Map.of("name", "ada")))
                .isEqualTo("hello ada");
        assertThat(loaded.hooks()).containsOnlyKeys("shout");
        loaded.hooks()
                .get("shout")
                .handle(new HookEvent("p", "run_1", Optional.empty(), "success", Map.of(), Optional.empty()));
    }

    @Test
    void aCompileErrorIsReportedWithItsLineAndTheOtherPluginsStillLoad() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Files.writeString(plugins.resolve("Broken.java"), """
                import dev.orchestrator.connector.*;

                @Connector("broken")
                public class Broken {
                    public String run() { return 42 }
                }
                """);
        Files.writeString(plugins.resolve("Fine.java"), """
                @dev.orchestrator.connector.Connector("fine")
                public class Fine {
                    public int answer() { return 42; }
                }
                """);

        Plugins loaded = new PluginLoader().load(plugins);

        assertThat(loaded.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo("PLG001");
            assertThat(problem.file()).endsWith("Broken.java");
            assertThat(problem.line()).isEqualTo(5);
        });
        assertThat(loaded.connectors())
                .extracting(type -> type.getAnnotation(Connector.class).value())
                .containsExactly("fine");
    }

    @Test
    void jarsAreFoundThroughServiceLoaderEachWithItsOwnCopyOfALibrary() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        jar(plugins.resolve("first.jar"), "one", "1");
        jar(plugins.resolve("second.jar"), "two", "2");
        Files.writeString(plugins.resolve("notes.txt"), "not a plugin");

        Plugins loaded = new PluginLoader().load(plugins);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.connectors()).hasSize(2);
        Map<String, Class<?>> byName = new java.util.HashMap<>();
        loaded.connectors()
                .forEach(type -> byName.put(type.getAnnotation(Connector.class).value(), type));
        // both plugins bundle lib.Version; each sees its own
        assertThat(call(byName.get("one"), "version", Map.of())).isEqualTo("1");
        assertThat(call(byName.get("two"), "version", Map.of())).isEqualTo("2");
    }

    @Test
    void aJdbcDriverDroppedIntoThePluginsDirectoryIsRegistered() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        PluginJars.build(
                directory,
                plugins.resolve("fake-driver.jar"),
                Map.of("fake/FakeDriver.java", """
                package fake;
                public class FakeDriver implements java.sql.Driver {
                    public java.sql.Connection connect(String url, java.util.Properties info) { return null; }
                    public boolean acceptsURL(String url) { return url.startsWith("jdbc:fake:"); }
                    public java.sql.DriverPropertyInfo[] getPropertyInfo(String url, java.util.Properties info) {
                        return new java.sql.DriverPropertyInfo[0];
                    }
                    public int getMajorVersion() { return 1; }
                    public int getMinorVersion() { return 0; }
                    public boolean jdbcCompliant() { return false; }
                    public java.util.logging.Logger getParentLogger() { return null; }
                }
                """),
                "java.sql.Driver",
                "fake.FakeDriver");

        Plugins loaded = new PluginLoader().load(plugins);

        assertThat(loaded.problems()).isEmpty();
        assertThat(java.sql.DriverManager.getDriver("jdbc:fake:warehouse").acceptsURL("jdbc:fake:warehouse"))
                .isTrue();
    }

    @Test
    void aJarWithoutAProviderIsReportedNotFatal() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("empty.jar")))) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("nothing".getBytes(StandardCharsets.UTF_8));
        }

        Plugins loaded = new PluginLoader().load(plugins);

        assertThat(loaded.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .contains("empty.jar")
                        .contains("PluginProvider")
                        .contains("java.sql.Driver"));
    }

    /** A plugin JAR: a connector named {@code name} that reports the version of its bundled library. */
    private void jar(Path jar, String name, String libraryVersion) throws IOException {
        PluginJars.build(
                directory,
                jar,
                Map.of(
                        "lib/Version.java",
                        "package lib; public class Version { public static String get() { return \"" + libraryVersion
                                + "\"; } }",
                        "plugin" + name + "/VersionConnector.java",
                        """
                        package plugin%1$s;
                        @dev.orchestrator.connector.Connector("%1$s")
                        public class VersionConnector {
                            public String version() { return lib.Version.get(); }
                        }
                        """.formatted(name),
                        "plugin" + name + "/Provider.java",
                        """
                        package plugin%1$s;
                        public class Provider implements dev.orchestrator.connector.PluginProvider {
                            public java.util.List<Class<?>> connectors() { return java.util.List.of(VersionConnector.class); }
                        }
                        """.formatted(name)),
                "plugin" + name + ".Provider");
    }

    @Test
    void loadingAgainKeepsTheClassesOfUnchangedFilesAndLoadsChangedOnesAnew() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Files.writeString(plugins.resolve("Fine.java"), """
                @dev.orchestrator.connector.Connector("fine")
                public class Fine {
                    public int answer() { return 42; }
                }
                """);
        Files.writeString(plugins.resolve("Moving.java"), """
                @dev.orchestrator.connector.Connector("moving")
                public class Moving {
                    public String version() { return "one"; }
                }
                """);
        PluginLoader loader = new PluginLoader();
        Plugins first = loader.load(plugins);

        Files.writeString(plugins.resolve("Moving.java"), """
                @dev.orchestrator.connector.Connector("moving")
                public class Moving {
                    public String version() { return "two, longer"; }
                }
                """);
        Plugins second = loader.load(plugins);

        assertThat(second.problems()).isEmpty();
        assertThat(connector(second, "fine")).isSameAs(connector(first, "fine"));
        assertThat(connector(second, "moving")).isNotSameAs(connector(first, "moving"));
        assertThat(call(connector(first, "moving"), "version", Map.of())).isEqualTo("one");
        assertThat(call(connector(second, "moving"), "version", Map.of())).isEqualTo("two, longer");
    }

    private static Class<?> connector(Plugins plugins, String name) {
        return plugins.connectors().stream()
                .filter(type -> type.getAnnotation(Connector.class).value().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
