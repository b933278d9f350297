package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.testsupport.SleepMarker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Process groups of real subprocesses, and what a start's crash recovery kills of them. */
@EnabledOnOs(OS.LINUX)
class ProcessGroupsTest {

    private final ProcessGroups groups = ProcessGroups.forThisSystem(Duration.ofSeconds(1));

    @Test
    void aStartedProcessLeadsAGroupOfItsOwn() throws Exception {
        Process process = groups.start(new ProcessBuilder("sleep", SleepMarker.seconds(45)))
                .process();
        try {
            ProcessGroups.ProcStat stat =
                    ProcessGroups.ProcStat.read(process.pid()).orElseThrow();
            assertThat(stat.group()).isEqualTo(process.pid());
            assertThat(groups.supported()).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void theLauncherAddsNothingToTheStreamsOfACommandThatEndsAtOnce() throws Exception {
        for (int run = 0; run < 20; run++) { // the command may end before the watcher has started
            Process process = groups.start(new ProcessBuilder("sh", "-c", "echo out; echo err >&2"))
                    .process();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).isZero();
            assertThat(out).isEqualTo("out\n");
            assertThat(err).isEqualTo("err\n");
        }
    }

    /** One watcher for every group, not a launcher and a polling watcher for each (five processes a start). */
    @Test
    void oneWatcherHoldsEveryGroupOfTheAgent() throws Exception {
        List<Process> started = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                started.add(groups.start(new ProcessBuilder("sleep", SleepMarker.seconds(45)))
                        .process());
            }
            for (Process process : started) {
                assertThat(process.toHandle().parent().map(ProcessHandle::pid))
                        .as("started by the agent itself")
                        .contains(ProcessHandle.current().pid());
                // setsid execs the command just after it made the group
                await("setsid to become the command")
                        .atMost(Duration.ofSeconds(10))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> process.info().command().orElse("").endsWith("sleep"));
                assertThat(process.info().command().orElse(""))
                        .as("setsid became the command")
                        .endsWith("sleep");
            }
            assertThat(watchers()).hasSize(1);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    /** A background child the leader left in its group is stopped once the attempt that started it is over. */
    @Test
    void whatALeaderLeftInItsGroupIsStoppedWhenItsAttemptIsOver() throws Exception {
        String marker = SleepMarker.seconds(45);
        Process process = groups.start(new ProcessBuilder("sh", "-c", "sleep " + marker + " >/dev/null 2>&1 &"))
                .process();
        assertThat(process.waitFor()).isZero();
        // the background child execs sleep just after the leader returned: until then it is still an sh
        await("the background sleep")
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(sleepsOf(marker)).hasSize(1));

        groups.ended(process);

        await("the sleep left in the group to stop")
                .atMost(Duration.ofSeconds(15))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> sleepsOf(marker).isEmpty());
        assertThat(sleepsOf(marker)).as("left in the group").isEmpty();
    }

    private static List<ProcessHandle> watchers() {
        String agent = Long.toString(ProcessHandle.current().pid());
        // the agent's children: not a subshell of the watcher stopping a group meanwhile
        return ProcessHandle.current()
                .children()
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains("orchestrator-watch")
                                && List.of(arguments).contains(agent))
                        .orElse(false))
                .toList();
    }

    private static List<ProcessHandle> sleepsOf(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").endsWith("sleep " + marker))
                .toList();
    }

    @Test
    void recoveryKillsALeftOverGroupOnlyWhenItsLeaderIsTheOneRecorded() throws Exception {
        Process leader = new ProcessBuilder("setsid", "sleep", SleepMarker.seconds(45)).start();
        try {
            long ticks = awaitGroupLeader(leader.pid()).startTicks();

            assertThat(groups.killLeftOver(List.of(new ProcessGroup(leader.pid(), ticks + 1))))
                    .as("a group whose id a later process reused")
                    .isZero();
            assertThat(leader.waitFor(500, TimeUnit.MILLISECONDS)).isFalse();

            assertThat(groups.killLeftOver(List.of(new ProcessGroup(leader.pid(), ticks))))
                    .isOne();
            assertThat(leader.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
        } finally {
            leader.destroyForcibly();
        }
    }

    private static ProcessGroups.ProcStat awaitGroupLeader(long pid) {
        // setsid makes it a leader just after it starts
        return await("process " + pid + " to become a group leader")
                .atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> ProcessGroups.ProcStat.read(pid),
                        stat -> stat.isPresent() && stat.get().group() == pid)
                .orElseThrow();
    }
}
