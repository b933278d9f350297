package dev.orchestrator.agent.plugin;

import dev.orchestrator.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a single-file plugin ({@code connectors/Demo.java}) with the JDK's compiler in a child JVM
 * ({@link CompilerProcess}), against the agent's own classpath, with {@code -parameters} so actions bind by
 * parameter name, and loads its classes; with a {@link CompiledPluginCache}, the class files of an unchanged
 * source are taken from it instead, and no compiler is started.
 */
final class SourcePluginCompiler {

    private final Optional<CompiledPluginCache> cache;
    private final CompilerProcess compilerProcess;

    SourcePluginCompiler(Optional<CompiledPluginCache> cache) {
        this.cache = cache;
        this.compilerProcess = new CompilerProcess();
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
        CompilerProcess.Outcome outcome = compilerProcess.compile(source, content);
        if (!outcome.problems().isEmpty()) {
            return new Compiled(new Result(List.of(), outcome.problems()), Optional.empty());
        }
        return new Compiled(new Result(define(outcome.classes()), List.of()), Optional.of(outcome.classes()));
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
