package dev.orchestrator.agent.plugin;

import dev.orchestrator.diagnostic.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a single-file plugin ({@code connectors/Demo.java}) in memory with the JDK's compiler, against the
 * agent's own classpath, with {@code -parameters} so actions bind by parameter name; with a
 * {@link CompiledPluginCache}, the class files of an unchanged source are taken from it instead.
 */
final class SourcePluginCompiler {

    private final Optional<CompiledPluginCache> cache;

    SourcePluginCompiler(Optional<CompiledPluginCache> cache) {
        this.cache = cache;
    }

    /** The loaded classes, or the compiler's errors with their lines. */
    record Result(List<Class<?>> classes, List<Diagnostic> problems) {}

    Result compile(Path source) throws IOException {
        byte[] content = Files.readAllBytes(source);
        if (cache.isPresent()) {
            String key = cache.get().key(source, content);
            Optional<Map<String, byte[]>> kept = cache.get().read(key);
            if (kept.isPresent()) {
                try {
                    return new Result(define(kept.get()), List.of());
                } catch (LinkageError e) {
                    cache.get().dropCorrupt(key, "its classes do not load: " + e);
                }
            }
            Compiled compiled = compileSource(source, content);
            compiled.classFiles().ifPresent(classes -> cache.get().write(key, classes));
            return compiled.result();
        }
        return compileSource(source, content).result();
    }

    private record Compiled(Result result, Optional<Map<String, byte[]>> classFiles) {}

    private Compiled compileSource(Path source, byte[] content) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return new Compiled(
                    new Result(
                            List.of(),
                            List.of(PluginLoader.problem(
                                    source,
                                    1,
                                    "this Java runtime has "
                                            + "no compiler; run the agent on a JDK, or package the plugin as a JAR"))),
                    Optional.empty());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
        try (StandardJavaFileManager files =
                        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
                JavaFileManager memory = new ForwardingJavaFileManager<>(files) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(
                            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                        return new SimpleJavaFileObject(
                                URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                            @Override
                            public OutputStream openOutputStream() {
                                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                                output.put(className, bytes);
                                return bytes;
                            }
                        };
                    }
                }) {
            List<String> options =
                    List.of("-parameters", "-proc:none", "-classpath", System.getProperty("java.class.path"));
            // compiled from the bytes the cache key was made of, so the key always names what was compiled
            JavaFileObject unit = new SimpleJavaFileObject(source.toUri(), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return new String(content, StandardCharsets.UTF_8);
                }
            };
            boolean compiled = compiler.getTask(null, memory, diagnostics, options, null, List.of(unit))
                    .call();
            if (!compiled) {
                List<Diagnostic> problems = new ArrayList<>();
                for (var error : diagnostics.getDiagnostics()) {
                    if (error.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                        problems.add(PluginLoader.problem(
                                source,
                                (int) Math.max(1, error.getLineNumber()),
                                "does not compile: " + error.getMessage(null)));
                    }
                }
                return new Compiled(new Result(List.of(), problems), Optional.empty());
            }
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return new Compiled(new Result(define(classes), List.of()), Optional.of(classes));
    }

    private static List<Class<?>> define(Map<String, byte[]> classes) {
        ClassLoader loader = new ClassLoader(SourcePluginCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        List<Class<?>> loaded = new ArrayList<>();
        for (String name : classes.keySet()) {
            try {
                loaded.add(loader.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("compiled class " + name + " cannot be loaded", e);
            }
        }
        return loaded;
    }
}
