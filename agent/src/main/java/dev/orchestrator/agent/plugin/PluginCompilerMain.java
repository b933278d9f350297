package dev.orchestrator.agent.plugin;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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
 * The JDK's compiler, in a JVM of its own that {@link CompilerProcess} starts: compiles one single-file plugin in
 * memory against the orchestrator's class path (its own, the same as the agent's), with {@code -parameters} so
 * actions bind by parameter name, and writes the class files or the compiler's errors to a result file. The agent
 * and the command line never load this class: the compiler's 1,400 classes and their compiled code would stay in
 * their memory for good (issue 23: 138 against 110 MB resident after a start that compiled a plugin).
 *
 * <p>{@code java -cp CLASSPATH dev.orchestrator.agent.plugin.PluginCompilerMain SOURCE CONTENT RESULT}: SOURCE the
 * plugin's path (its name in the compiler's messages), CONTENT a file holding the bytes to compile (those the
 * cache key was made of), RESULT where the outcome goes, in the format {@link CompilerProcess} reads: the number
 * of errors, each as its line and message; then the number of classes, each as its binary name and class file,
 * in the order the compiler wrote them. Exits 0 when the result is written, compiled or not.
 */
final class PluginCompilerMain {

    private PluginCompilerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PluginCompilerMain SOURCE CONTENT RESULT");
            System.exit(2);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            System.err.println("this Java runtime has no compiler (the jdk.compiler module)");
            System.exit(3);
        }
        Path source = Path.of(args[0]);
        String content = new String(Files.readAllBytes(Path.of(args[1])), StandardCharsets.UTF_8);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
        boolean compiled;
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
            JavaFileObject unit = new SimpleJavaFileObject(source.toUri(), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return content;
                }
            };
            compiled = compiler.getTask(null, memory, diagnostics, options, null, List.of(unit))
                    .call();
        }
        List<String> messages = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (!compiled) {
            for (var diagnostic : diagnostics.getDiagnostics()) {
                if (diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                    lines.add((int) Math.max(1, diagnostic.getLineNumber()));
                    messages.add(diagnostic.getMessage(null));
                }
            }
            if (messages.isEmpty()) {
                // failed without an error diagnostic: say so rather than hand back no classes and no problem
                lines.add(1);
                messages.add("the compiler failed without naming an error");
            }
        }
        try (DataOutputStream result =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[2]))))) {
            result.writeInt(messages.size());
            for (int index = 0; index < messages.size(); index++) {
                result.writeInt(lines.get(index));
                writeString(result, messages.get(index));
            }
            Map<String, ByteArrayOutputStream> classes = compiled ? output : Map.of();
            result.writeInt(classes.size());
            for (Map.Entry<String, ByteArrayOutputStream> type : classes.entrySet()) {
                writeString(result, type.getKey());
                byte[] bytes = type.getValue().toByteArray();
                result.writeInt(bytes.length);
                result.write(bytes);
            }
        }
    }

    private static void writeString(DataOutputStream result, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        result.writeInt(bytes.length);
        result.write(bytes);
    }
}
