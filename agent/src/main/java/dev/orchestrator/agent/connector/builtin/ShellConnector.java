package dev.orchestrator.agent.connector.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.connector.TaskPing;
import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.connector.TaskContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command or script as a subprocess, so a team keeps the scripts it has: upstream {@code data} arrives
 * as JSON on stdin, stdout becomes the output (parsed when it is JSON), both streams go to the task log line by line
 * as they come, and a non-zero exit code fails the attempt with the last stderr line that says something as its
 * first line. No shell is involved.
 */
@Connector(value = "shell", threadSafe = true)
public final class ShellConnector implements TaskPing {

    private static final int LAST_LINES_IN_ERROR = 20;
    /** A pipe silent this long after the exit is held by a background child, not still being read. */
    private static final Duration SILENT_PIPE = Duration.ofSeconds(2);
    /** However busy the reader, a background child that keeps printing does not hold the task past this. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    /**
     * @param command the program, or a whole command line (split like a shell would) when {@code args} is absent
     * @param cwd     working directory, relative to the config directory (the default)
     */
    public Object run(
            String command, List<String> args, Map<String, String> env, String cwd, Object data, TaskContext context)
            throws IOException, InterruptedException {
        if (command == null || command.isBlank()) {
            throw new NonRetryableException("shell.run needs a 'command' in action_kwargs");
        }
        List<String> argv = new ArrayList<>();
        if (args == null) {
            argv.addAll(CommandLineSplitter.split(command));
        } else {
            argv.add(command);
            argv.addAll(args);
        }
        Path directory = cwd == null
                ? context.configDirectory()
                : context.configDirectory().resolve(cwd);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        if (env != null) {
            builder.environment().putAll(env);
        }
        Process process = context.startProcess(builder);
        OutputLines stdoutLines = new OutputLines("stdout", context.log(), LAST_LINES_IN_ERROR);
        OutputLines stderrLines = new OutputLines("stderr", context.log(), LAST_LINES_IN_ERROR);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Thread stdin = daemon("stdin of " + argv.get(0), () -> writeInput(process, data));
        StreamPump stderr = StreamPump.start("stderr of " + argv.get(0), process.getErrorStream(), stderrLines);
        StreamPump stdout = StreamPump.start(
                "stdout of " + argv.get(0),
                process.getInputStream(),
                new OutputStream() { // the output, and its lines for the log as they come
                    @Override
                    public void write(int value) {
                        captured.write(value);
                        stdoutLines.write(value);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        captured.write(bytes, offset, length);
                        stdoutLines.write(bytes, offset, length);
                    }

                    @Override
                    public void close() {
                        stdoutLines.close();
                    }
                });
        // waiting for the exit, not for the end of stdout: a background child may hold the pipe open for good;
        // and waitFor is interruptible, so a timeout stops this thread
        int exitCode = process.waitFor();
        if (!stdout.awaitEnd(SILENT_PIPE, DRAIN_LIMIT)) {
            context.log()
                    .warn("stdout was still open " + SILENT_PIPE.toSeconds() + " s after the command exited "
                            + "(a background process holding it?): the output is what came until then");
        }
        stderr.awaitEnd(SILENT_PIPE, DRAIN_LIMIT);
        stdin.join(1_000);
        if (exitCode != 0) {
            throw new ShellCommandFailedException(
                    String.join(" ", argv), exitCode, stderrLines.lastLines(), stdoutLines.lastLines());
        }
        return parseOutput(captured.toString(StandardCharsets.UTF_8).strip());
    }

    /**
     * Reachable when the program the task runs exists: as a path (relative to {@code cwd}) or on the PATH. Not
     * checkable when the arguments do not name one (no {@code command}, or a command line that does not split).
     */
    @Override
    public TaskPing.Result ping(Path configDirectory, Map<String, Object> actionKwargs) {
        if (!(actionKwargs.get("command") instanceof String command) || command.isBlank()) {
            return TaskPing.Result.notCheckable("no command to look for");
        }
        String program;
        if (actionKwargs.get("args") != null) {
            program = command;
        } else {
            try {
                program =
                        CommandLineSplitter.split(command).stream().findFirst().orElse("");
            } catch (RuntimeException e) {
                return TaskPing.Result.notCheckable("the command line does not split into words: " + e.getMessage());
            }
        }
        if (program.isBlank()) {
            return TaskPing.Result.notCheckable("no command to look for");
        }
        if (program.contains("/") || program.contains(java.io.File.separator)) {
            Path directory =
                    actionKwargs.get("cwd") instanceof String cwd ? configDirectory.resolve(cwd) : configDirectory;
            Path path = directory.resolve(program).toAbsolutePath().normalize();
            return Files.isRegularFile(path) && Files.isExecutable(path)
                    ? TaskPing.Result.reachable("found " + path)
                    : TaskPing.Result.unreachable(
                            "program " + path + (Files.exists(path) ? " is not executable" : " does not exist"));
        }
        return onPath(program)
                .map(found -> TaskPing.Result.reachable("found " + found))
                .orElseGet(() -> TaskPing.Result.unreachable("program '" + program + "' is not on the PATH"));
    }

    /** Where the PATH has {@code program}; on Windows also with each PATHEXT ending, as Windows looks it up. */
    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<String> endings = new ArrayList<>(List.of(""));
        if (java.io.File.separatorChar == '\\') {
            endings.addAll(List.of(Optional.ofNullable(System.getenv("PATHEXT"))
                    .orElse(".COM;.EXE;.BAT;.CMD")
                    .toLowerCase(java.util.Locale.ROOT)
                    .split(";")));
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            for (String ending : endings) {
                try {
                    Path candidate = Path.of(directory, program + ending);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    break; // a PATH entry that is no path on this system holds no program either
                }
            }
        }
        return Optional.empty();
    }

    private void writeInput(Process process, Object data) {
        try (OutputStream in = process.getOutputStream()) {
            if (data != null) {
                json.writeValue(in, data);
            }
        } catch (IOException e) {
            // the command exited without reading its input: its exit code tells what happened
        }
    }

    private Object parseOutput(String stdout) {
        if (stdout.isEmpty()) {
            return null;
        }
        char first = stdout.charAt(0);
        if (first == '{' || first == '[' || first == '"') {
            try {
                return json.readValue(stdout, Object.class);
            } catch (JsonProcessingException e) {
                return stdout; // looked like JSON, is not: text it is
            }
        }
        return stdout;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
