package dev.orchestrator.agent.execute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Process groups of real subprocesses, and what a start's crash recovery kills of them. */
@EnabledOnOs(OS.LINUX)
class ProcessGroupsTest {

    private final ProcessGroups groups = ProcessGroups.forThisSystem(Duration.ofSeconds(1));

    @Test
    void aStartedProcessLeadsAGroupOfItsOwn() throws Exception {
        Process process = groups.start(new ProcessBuilder("sleep", "45.0625")).process();
        try {
            ProcessGroups.ProcStat stat = ProcessGroups.ProcStat.read(process.pid()).orElseThrow();
            assertThat(stat.group()).isEqualTo(process.pid());
            assertThat(groups.supported()).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void theLauncherAddsNothingToTheStreamsOfACommandThatEndsAtOnce() throws Exception {
        for (int run = 0; run < 20; run++) { // the command may end before the watcher has started
            Process process = groups.start(new ProcessBuilder("sh", "-c", "echo out; echo err >&2")).process();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).isZero();
            assertThat(out).isEqualTo("out\n");
            assertThat(err).isEqualTo("err\n");
        }
    }

    @Test
    void recoveryKillsALeftOverGroupOnlyWhenItsLeaderIsTheOneRecorded() throws Exception {
        Process leader = new ProcessBuilder("setsid", "sleep", "45.125").start();
        try {
            long ticks = awaitGroupLeader(leader.pid()).startTicks();

            assertThat(groups.killLeftOver(List.of(new ProcessGroup(leader.pid(), ticks + 1))))
                    .as("a group whose id a later process reused").isZero();
            assertThat(leader.waitFor(500, TimeUnit.MILLISECONDS)).isFalse();

            assertThat(groups.killLeftOver(List.of(new ProcessGroup(leader.pid(), ticks)))).isOne();
            assertThat(leader.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
        } finally {
            leader.destroyForcibly();
        }
    }

    private static ProcessGroups.ProcStat awaitGroupLeader(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) { // setsid makes it a leader just after it starts
            var stat = ProcessGroups.ProcStat.read(pid);
            if (stat.isPresent() && stat.get().group() == pid) {
                return stat.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " did not become a group leader");
    }
}
