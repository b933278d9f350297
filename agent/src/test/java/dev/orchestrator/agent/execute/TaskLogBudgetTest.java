package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TaskLogBudgetTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture(new LogBudget(1_000, 1024 * 1024));

    @Test
    void aChattyShellTaskKeepsTheHeadAndTheTailOfItsLogWithALineSayingWhatWasDropped() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: chatty
                    tasks:
                      - id: talk
                        connector: shell
                        action: run
                        action_kwargs:
                          command: awk
                          args: ["BEGIN { for (i = 1; i <= 300000; i++) print \\"line \\" i > \\"/dev/stderr\\" }"]
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        List<LogLine> stored = allLines(detail.run().runId());
        // the shell connector names the stream of each line
        List<String> messages = stored.stream().map(LogLine::message).toList();
        List<String> head =
                IntStream.rangeClosed(1, 500).mapToObj(i -> "stderr: line " + i).toList();
        List<String> tail = IntStream.rangeClosed(299_501, 300_000)
                .mapToObj(i -> "stderr: line " + i)
                .toList();
        long droppedBytes = IntStream.rangeClosed(501, 299_500)
                .mapToLong(i -> ("stderr: line " + i).length())
                .sum();
        List<String> expected = new ArrayList<>(head);
        long headBytes = IntStream.rangeClosed(1, 500)
                .mapToLong(i -> ("stderr: line " + i).length())
                .sum();
        expected.add("log budget of 1,000 lines or 1.0 MB per attempt reached after 500 lines ("
                + String.format(Locale.ROOT, "%.1f KB", headBytes / 1024.0) + "): from here on only the last 500 "
                + "lines (512.0 KB) of this attempt are kept, written when it ends");
        expected.add("… 299,000 lines (" + String.format(Locale.ROOT, "%.1f MB", droppedBytes / (1024.0 * 1024))
                + ") dropped by the log budget of 1,000 lines or 1.0 MB per attempt: the first 500 lines and the "
                + "last 500 are kept; raise the task's log_budget (lines, mb) or the agent's --log-budget-lines, "
                + "--log-budget-mb to keep more, or keep whole logs with keep_whole or --log-keep-whole");
        expected.addAll(tail);
        assertThat(messages).containsExactlyElementsOf(expected);
        assertThat(engine.store.countLogs(detail.run().runId(), Optional.empty()))
                .isEqualTo(1_002);
        assertThat(engine.store.countLogs(detail.run().runId(), Optional.of("talk")))
                .isEqualTo(1_002);
    }

    @Test
    void aTaskWithItsOwnSmallBudgetKeepsHeadAndTailWhileAnotherInTheSameRunKeepsAllUnderTheAgents() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: two_budgets
                    tasks:
                      - id: small
                        connector: shell
                        action: run
                        action_kwargs: { command: awk, args: ["BEGIN { for (i = 1; i <= 200; i++) print \\"small \\" i > \\"/dev/stderr\\" }"] }
                        log_budget: { lines: 10 }
                      - id: plain
                        connector: shell
                        action: run
                        action_kwargs: { command: awk, args: ["BEGIN { for (i = 1; i <= 200; i++) print \\"plain \\" i > \\"/dev/stderr\\" }"] }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        List<LogLine> stored = allLines(detail.run().runId());
        List<String> small = stored.stream()
                .filter(line -> line.taskId().equals("small"))
                .map(LogLine::message)
                .toList();
        assertThat(small).hasSize(5 + 1 + 1 + 5);
        assertThat(small.subList(0, 5))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 5)
                        .mapToObj(i -> "stderr: small " + i)
                        .toList());
        assertThat(small.get(5)).startsWith("log budget of 10 lines or 1.0 MB per attempt reached after 5 lines");
        assertThat(small.get(6))
                .startsWith("… 190 lines (")
                .contains(
                        ") dropped by the log budget of 10 lines "
                                + "or 1.0 MB per attempt: the first 5 lines and the last 5 are kept; raise the task's log_budget");
        assertThat(small.subList(7, 12))
                .containsExactlyElementsOf(IntStream.rangeClosed(196, 200)
                        .mapToObj(i -> "stderr: small " + i)
                        .toList());
        assertThat(stored.stream()
                        .filter(line -> line.taskId().equals("plain"))
                        .map(LogLine::message)
                        .toList())
                .as("no override: the agent's budget of 1,000 lines keeps all 200")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 200)
                        .mapToObj(i -> "stderr: plain " + i)
                        .toList());
    }

    @Test
    void theByteBudgetKeepsTheFirstAndLastHalfOfTheBytes() {
        TaskLog log = new TaskLog("r1", "t", 1, SecretMasker.none(), Clock.systemUTC(), new LogBudget(1_000, 4_000));
        for (int i = 0; i < 100; i++) {
            log.info(String.format(Locale.ROOT, "%03d", i) + "x".repeat(97)); // 100 bytes each
        }

        List<String> messages = log.drainLast().stream().map(LogLine::message).toList();

        assertThat(messages).hasSize(20 + 1 + 1 + 20);
        assertThat(messages.subList(0, 20)).allMatch(message -> Integer.parseInt(message.substring(0, 3)) < 20);
        assertThat(messages.get(21))
                .startsWith("… 60 lines (5.9 KB) dropped by the log budget of 1,000 lines or "
                        + "3.9 KB per attempt: the first 20 lines and the last 20 are kept");
        assertThat(messages.subList(22, 42)).allMatch(message -> Integer.parseInt(message.substring(0, 3)) >= 80);
        assertThat(log.drainLast()).isEmpty();
    }

    @Test
    void aLogWithinItsBudgetIsKeptWhole() {
        TaskLog log = new TaskLog("r1", "t", 1, SecretMasker.none(), Clock.systemUTC(), new LogBudget(10, 1_000));
        IntStream.range(0, 10).forEach(i -> log.info("line " + i));

        List<LogLine> lines = new ArrayList<>(log.drain());
        lines.addAll(log.drainLast());

        assertThat(lines)
                .extracting(LogLine::message)
                .containsExactlyElementsOf(
                        IntStream.range(0, 10).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void theWholeLogIsKeptGzippedWhenAskedAndTheLineSayingWhatWasDroppedNamesIt(@TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("run").resolve("logs").resolve("t-1.log.gz");
        TaskLog log = new TaskLog(
                "r1",
                "t",
                1,
                SecretMasker.none(),
                Clock.systemUTC(),
                new LogBudget(10, 1_000_000, true),
                Optional.of(file));
        IntStream.rangeClosed(1, 1_000).forEach(i -> log.info("line " + i));

        List<String> kept = log.drainLast().stream().map(LogLine::message).toList();
        log.info("after the end"); // abandoned code still logging: the whole log is not opened again

        assertThat(kept).hasSize(5 + 1 + 1 + 5);
        assertThat(kept.get(6)).startsWith("… 990 lines").endsWith("the whole log is in " + file);
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file)),
                java.nio.charset.StandardCharsets.UTF_8))) {
            List<String> whole = lines.lines().toList();
            assertThat(whole).hasSize(1_000);
            assertThat(whole.get(0)).endsWith(" INFO line 1");
            assertThat(whole.get(999)).endsWith(" INFO line 1000");
        }
    }

    private List<LogLine> allLines(String runId) {
        List<LogLine> lines = new ArrayList<>();
        long after = 0;
        while (true) {
            List<LogLine> page = engine.store.findLogs(runId, Optional.empty(), after, 500);
            if (page.isEmpty()) {
                return lines;
            }
            lines.addAll(page);
            after = page.get(page.size() - 1).id();
        }
    }
}
