package dev.orchestrator.agent.process;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.testsupport.IntegrationTest;
import dev.orchestrator.testsupport.SleepMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 4's crash recovery, for real: an agent process killed with SIGKILL in the middle of runs leaves them
 * "running" in its database; the next agent on that home marks them crashed with a reason, loses no row, and
 * runs new work.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class CrashRecoveryTest {

    private static final String SLEEP_MARKER = SleepMarker.seconds(41);
    private static final String ORPHAN_MARKER = SleepMarker.seconds(43);

    @TempDir
    Path directory;

    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
        // a killed agent cannot stop the subprocesses it had started: do it here
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(SLEEP_MARKER)
                        || process.info().commandLine().orElse("").contains(ORPHAN_MARKER))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aSecondAgentOnTheSameHomeNamesTheRunningOneAndExits() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: quick
                    tasks:
                      - { id: hello, connector: shell, action: run, action_kwargs: { command: "echo hello" } }
                """);
        AgentProcess first = start(config, home, directory.resolve("first-output.txt"));

        Path secondOutput = directory.resolve("second-output.txt");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> start(config, home, secondOutput).close())
                .hasMessageContaining("the agent exited with")
                .hasMessageContaining("the agent exited with 2")
                .hasMessageContaining(
                        "another agent (pid " + first.pid() + ", port " + first.port() + ") is using the home")
                .hasMessageNotContaining("Database may be already in use");
        assertThat(first.get("/health").get("status").asText())
                .as("the first goes on")
                .isEqualTo("ok");
        first.close();
    }

    @Test
    void runsInterruptedBySigkillAreMarkedCrashedAndTheNextAgentWorks() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: long_running
                    max_concurrency: 1
                    schedule: { max_instances: 2 }
                    tasks:
                      - { id: first, connector: shell, action: run, action_kwargs: { command: "sleep %s" }, timeout_seconds: 120 }
                      - { id: second, connector: shell, action: run, action_kwargs: { command: "echo second" }, depends_on: [first] }
                      - { id: side, connector: shell, action: run, action_kwargs: { command: "echo side" } }
                  - id: quick
                    tasks:
                      - { id: hello, connector: shell, action: run, action_kwargs: { command: "echo hello" } }
                """.formatted(SLEEP_MARKER));

        AgentProcess first = start(config, home, output);
        String runA = first.post("/trigger/long_running", "{}").get("run_id").asText();
        String runB = first.post("/trigger/long_running", "{\"params\": {\"note\": \"b\"}}")
                .get("run_id")
                .asText();
        awaitTaskRunning(first, runA, "first");
        awaitTaskRunning(first, runB, "first");
        // task-level changes reach H2's file within its 100 ms write delay (run creation is forced at once)
        Thread.sleep(300);
        first.kill();

        AgentProcess second = start(config, home, output);
        for (String runId : List.of(runA, runB)) {
            JsonNode run = second.get("/api/v1/runs/" + runId);
            assertThat(run.path("status").asText()).as("run %s: %s", runId, run).isEqualTo("crashed");
            assertThat(run.get("reason").asText()).contains("agent stopped while this was running");
            assertThat(run.get("finished_at").isNull()).isFalse();
            assertThat(run.get("tasks")).hasSize(3);
            JsonNode firstTask = task(run, "first");
            assertThat(firstTask.get("status").asText()).isEqualTo("crashed");
            assertThat(firstTask.get("attempts"))
                    .singleElement()
                    .satisfies(attempt ->
                            assertThat(attempt.get("status").asText()).isEqualTo("crashed"));
            assertThat(task(run, "second").get("status").asText())
                    .as("never started")
                    .isEqualTo("skipped");
            assertThat(task(run, "second").get("reason").asText())
                    .startsWith("not started: the run crashed (the agent stopped while this was running");
        }
        assertThat(second.get("/api/v1/runs/" + runB).get("params").get("note").asText())
                .isEqualTo("b");

        String fresh = second.post("/trigger/quick", "{}").get("run_id").asText();
        assertThat(awaitEnd(second, fresh)).isEqualTo("success");
        assertThat(task(second.get("/api/v1/runs/" + fresh), "hello")
                        .get("output")
                        .asText())
                .isEqualTo("\"hello\"");

        assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(Files.readString(output)).contains("agent stopped");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theTaskProcessesOfAnAgentKilledWithSigkillDieWithIt() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        Files.writeString(config.resolve("pipelines.yaml"), orphanPipeline());
        AgentProcess agent = start(config, home, output);
        String runId = agent.post("/trigger/orphans", "{}").get("run_id").asText();
        awaitTaskRunning(agent, runId, "nap");
        awaitProcessCount(ORPHAN_MARKER, 2, "the task's sleep and the one it double-forked");

        agent.kill();

        // no restart: the task's watcher sees its agent gone and kills the group (TERM; KILL after the grace)
        awaitProcessCount(ORPHAN_MARKER, 0, "task processes left by the killed agent");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theNextStartKillsTaskProcessesAKilledAgentLeftRunning() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        Files.writeString(config.resolve("pipelines.yaml"), orphanPipeline());
        AgentProcess first = start(config, home, output);
        String runId = first.post("/trigger/orphans", "{}").get("run_id").asText();
        awaitTaskRunning(first, runId, "nap");
        awaitProcessCount(ORPHAN_MARKER, 2, "the task's sleep and the one it double-forked");
        Thread.sleep(300); // the recorded process group reaches H2's file within its 100 ms write delay
        // the watcher dies with the agent, as when the whole process tree is killed: only the database remembers
        String agentPid = Long.toString(first.pid());
        java.util.function.Supplier<List<ProcessHandle>> watchers = () -> ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains("orchestrator-watch")
                                && List.of(arguments).contains(agentPid))
                        .orElse(false))
                .toList();
        // found once it has exec'd its shell (a loaded machine may take a while), and gone before the agent dies
        org.awaitility.Awaitility.await("the agent's watcher")
                .atMost(java.time.Duration.ofMinutes(2))
                .until(() -> !watchers.get().isEmpty());
        watchers.get().forEach(ProcessHandle::destroyForcibly);
        org.awaitility.Awaitility.await("the watcher killed")
                .atMost(java.time.Duration.ofMinutes(2))
                .until(() -> watchers.get().isEmpty());
        first.kill();
        Thread.sleep(1_500); // what a watcher would have killed by now is still there
        assertThat(processesMentioning(ORPHAN_MARKER))
                .as("left running with no watcher")
                .hasSize(2);

        AgentProcess second = start(config, home, output);

        assertThat(processesMentioning(ORPHAN_MARKER))
                .as("task processes after the restart")
                .isEmpty();
        assertThat(second.get("/api/v1/runs/" + runId).get("status").asText()).isEqualTo("crashed");
        assertThat(Files.readString(output)).contains("killed 1 process groups of tasks the previous agent process");
    }

    private static String orphanPipeline() {
        return """
                pipelines:
                  - id: orphans
                    tasks:
                      - id: nap
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "(sleep %s1 &); sleep %s2"] }
                        timeout_seconds: 300
                """.formatted(ORPHAN_MARKER, ORPHAN_MARKER);
    }

    private static List<String> processesMentioning(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").endsWith("sleep"))
                .map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(marker))
                .toList();
    }

    private static void awaitProcessCount(String marker, int count, String what) throws Exception {
        Await.until(
                what + ": " + count + " processes",
                Await.STEP,
                () -> processesMentioning(marker).size() == count);
    }

    /**
     * The promise a trigger's answer makes: the run it names is committed and survives the agent being killed at
     * once (the embedded H2 writes commits to its file up to 100 ms later; the run's creation is in the run
     * journal before the answer, and the next start inserts what the database lost again).
     */
    @Test
    void everyRunWhoseTriggerWasAnsweredIsThereAfterAKillRightAfterTheAnswers() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        Path gate = directory.resolve("gate");
        // the tasks wait for the gate, so that no run ends before the kill: a run's end forces the database to
        // disk, which would make the runs created before it durable whatever their own creation did
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: quick
                    schedule: { max_instances: 100 }
                    tasks:
                      - id: hello
                        connector: shell
                        action: run
                        action_kwargs: { command: "sh -c 'while [ ! -e %s ]; do sleep 0.05; done'" }
                """.formatted(gate));
        AgentProcess first = start(config, home, output);
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answered.add(first.post("/trigger/quick", "{\"params\": {\"n\": " + i + "}}")
                    .get("run_id")
                    .asText());
        }
        first.kill();

        Files.createFile(gate);
        AgentProcess second = start(config, home, output);
        for (int i = 0; i < answered.size(); i++) {
            JsonNode run = second.get("/api/v1/runs/" + answered.get(i));
            assertThat(run.path("run_id").asText())
                    .as("run %s after the kill", answered.get(i))
                    .isEqualTo(answered.get(i));
            assertThat(run.path("params").path("n").asInt()).isEqualTo(i);
            assertThat(run.path("status").asText()).isIn("success", "crashed");
            assertThat(run.get("tasks")).hasSize(1);
        }
        assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 143);
    }

    @Test
    void sigtermGivesRunningWorkItsGracePeriodThenRecordsItAsCancelled() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: long_running
                    tasks:
                      - { id: first, connector: shell, action: run, action_kwargs: { command: "sleep %s" }, timeout_seconds: 120 }
                      - { id: second, connector: shell, action: run, action_kwargs: { command: "echo second" }, depends_on: [first] }
                """.formatted(SLEEP_MARKER));
        AgentProcess first = start(config, home, output);
        String runId = first.post("/trigger/long_running", "{}").get("run_id").asText();
        awaitTaskRunning(first, runId, "first");

        long stopping = System.nanoTime();
        first.stop();
        // the agent runs with --grace-seconds 1: a grace period for the run, then one for the attempt
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(6));
        assertThat(ProcessHandle.allProcesses()
                        .filter(process ->
                                process.info().commandLine().orElse("").contains(SLEEP_MARKER))
                        .count())
                .as("the task's subprocess was stopped too")
                .isZero();

        AgentProcess second = start(config, home, output);
        JsonNode run = second.get("/api/v1/runs/" + runId);
        assertThat(run.get("status").asText()).isEqualTo("cancelled");
        assertThat(run.get("reason").asText()).isEqualTo("the agent was stopped");
        assertThat(task(run, "first").get("status").asText()).isEqualTo("cancelled");
        assertThat(task(run, "second").get("status").asText()).isEqualTo("cancelled");
    }

    private AgentProcess start(Path config, Path home, Path output) throws IOException, InterruptedException {
        AgentProcess agent = AgentProcess.start(config, home, output);
        agents.add(agent);
        return agent;
    }

    private static void awaitTaskRunning(AgentProcess agent, String runId, String taskId) {
        agent.awaitTask(runId, taskId, "running", Await.STEP);
    }

    private static String awaitEnd(AgentProcess agent, String runId) {
        return agent.awaitEnd(runId, Await.STEP);
    }
}
