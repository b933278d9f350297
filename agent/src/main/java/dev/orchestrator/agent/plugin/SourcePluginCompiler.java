package dev.orchestrator.agent.plugin;

import dev.orchestrator.validation.Diagnostic;

import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a single-file plugin ({@code connectors/Demo.java}) in memory with the JDK's compiler, against the
 * agent's own classpath, with {@code -parameters} so actions bind by parameter name.
 */
final class SourcePluginCompiler {

    /** The loaded classes, or the compiler's errors with their lines. */
    record Result(List<Class<?>> classes, List<Diagnostic> problems) {
    }

    Result compile(Path source) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return new Result(List.of(), List.of(PluginLoader.problem(source, 1, "this Java runtime has no compiler; "
                    + "run the agent on a JDK, or package the plugin as a JAR")));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
             JavaFileManager memory = new ForwardingJavaFileManager<>(files) {
                 @Override
                 public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                            JavaFileObject.Kind kind, FileObject sibling) {
                     return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"),
                             kind) {
                         @Override
                         public OutputStream openOutputStream() {
                             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                             output.put(className, bytes);
                             return bytes;
                         }
                     };
                 }
             }) {
            List<String> options = List.of("-parameters", "-proc:none", "-classpath",
                    System.getProperty("java.class.path"));
            boolean compiled = compiler.getTask(null, memory, diagnostics, options, null,
                    files.getJavaFileObjects(source)).call();
            if (!compiled) {
                List<Diagnostic> problems = new ArrayList<>();
                for (var error : diagnostics.getDiagnostics()) {
                    if (error.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                        problems.add(PluginLoader.problem(source, (int) Math.max(1, error.getLineNumber()),
                                "does not compile: " + error.getMessage(null)));
                    }
                }
                return new Result(List.of(), problems);
            }
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
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
        return new Result(loaded, List.of());
    }
}
