package dev.orchestrator.agent.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Builds plugin JARs for tests, the way a plugin author's build would: compile, add the service file, jar. */
final class PluginJars {

    private PluginJars() {}

    /**
     * @param sources    file path inside the source tree (such as {@code lib/Version.java}) to its text
     * @param provider   the fully qualified name of the PluginProvider implementation
     */
    static Path build(Path work, Path jar, Map<String, String> sources, String provider) throws IOException {
        return build(work, jar, sources, "dev.orchestrator.connector.PluginProvider", provider);
    }

    /** A JAR whose {@code META-INF/services/<service>} names {@code implementation}. */
    static Path build(Path work, Path jar, Map<String, String> sources, String service, String implementation)
            throws IOException {
        String provider = implementation;
        Path sourceRoot = Files.createDirectories(work.resolve("src-" + jar.getFileName()));
        Path classes = Files.createDirectories(work.resolve("classes-" + jar.getFileName()));
        List<String> arguments = new ArrayList<>(
                List.of("-parameters", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the test plugin does not compile");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + service));
            out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
