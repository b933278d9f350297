package dev.orchestrator.agent.cli.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What installing or removing a service does to this machine, step by step: {@code --dry-run} prints it, otherwise
 * it is done. Printed, the file to write comes first, as it is, and the steps follow as comments in the file's own
 * syntax, so that the whole output is still a valid unit (or XML) file.
 */
public record Plan(List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /** One thing to do: described by {@code --dry-run}, done otherwise. */
    public sealed interface Step permits WriteFile, DeleteFile, Run, Note {

        /** The step as {@code --dry-run} shows it. */
        String describe();

        /** Does it, saying so on {@code out}. */
        void perform(PrintWriter out) throws IOException, InterruptedException;
    }

    /** Writes {@code content} to {@code file}, replacing it whole (never half-written). */
    public record WriteFile(String file, String content) implements Step {

        @Override
        public String describe() {
            return "  write " + file + " (the text above)";
        }

        @Override
        public void perform(PrintWriter out) throws IOException {
            out.println("+ write " + file);
            Path target = Path.of(file).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path written = target.resolveSibling(target.getFileName() + ".new");
            Files.writeString(written, content, StandardCharsets.UTF_8);
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    public record DeleteFile(String file) implements Step {

        @Override
        public String describe() {
            return "  rm -f " + shellWord(file);
        }

        @Override
        public void perform(PrintWriter out) throws IOException {
            out.println("+ rm -f " + shellWord(file));
            Files.deleteIfExists(Path.of(file));
        }
    }

    /**
     * Runs a program, its output going to this process's; when {@code unlessSucceeds} is given and that program
     * succeeds, skips it. A program that fails stops the plan.
     */
    public record Run(List<String> command, List<String> unlessSucceeds) implements Step {

        public Run {
            command = List.copyOf(command);
            unlessSucceeds = List.copyOf(unlessSucceeds);
        }

        public Run(String... command) {
            this(List.of(command), List.of());
        }

        /** As a shell line: {@code id -u x >/dev/null 2>&1 || useradd ...}. */
        @Override
        public String describe() {
            String line = shellWords(command);
            return "  "
                    + (unlessSucceeds.isEmpty() ? line : shellWords(unlessSucceeds) + " >/dev/null 2>&1 || " + line);
        }

        @Override
        public void perform(PrintWriter out) throws IOException, InterruptedException {
            if (!unlessSucceeds.isEmpty()
                    && new ProcessBuilder(unlessSucceeds)
                                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                                    .start()
                                    .waitFor()
                            == 0) {
                return;
            }
            out.println("+ " + shellWords(command));
            out.flush();
            int exitCode;
            try {
                exitCode = new ProcessBuilder(command).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new ServiceChangeFailedException("could not start `" + shellWords(command) + "`: "
                        + e.getMessage() + "; is it installed and on the PATH?");
            }
            if (exitCode != 0) {
                throw new ServiceChangeFailedException("`" + shellWords(command) + "` failed with exit code " + exitCode
                        + " (its message is above); the steps before it are done, the ones after it not");
            }
        }
    }

    /** Something to tell the user: where secrets go, what to do next. */
    public record Note(String text) implements Step {

        @Override
        public String describe() {
            return text;
        }

        @Override
        public void perform(PrintWriter out) {
            out.println(text);
        }
    }

    /** The syntax of comments in the file a plan writes. */
    public enum Comments {
        HASH,
        XML;

        String line(String text) {
            // "--" may not appear inside an XML comment
            return this == HASH ? "# " + text : "<!-- " + text.replace("--", "- -") + " -->";
        }
    }

    /** {@code --dry-run}: the file first, then every step as a comment. */
    public void print(PrintWriter out, Comments comments) {
        List<WriteFile> files = steps.stream()
                .filter(WriteFile.class::isInstance)
                .map(WriteFile.class::cast)
                .toList();
        files.forEach(write -> out.println(write.content()));
        out.println(comments.line("For real (no dry run), this would:"));
        steps.forEach(step -> out.println(comments.line(step.describe())));
        out.flush();
    }

    /** Does every step in order; the steps done before one that fails stay done, and its exception says which. */
    public void execute(PrintWriter out) throws IOException, InterruptedException {
        for (Step step : steps) {
            step.perform(out);
            out.flush();
        }
    }

    private static String shellWords(List<String> words) {
        return words.stream().map(Plan::shellWord).collect(Collectors.joining(" "));
    }

    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
