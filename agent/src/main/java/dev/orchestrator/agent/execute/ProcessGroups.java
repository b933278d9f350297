package dev.orchestrator.agent.execute;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts each subprocess of an attempt as the leader of a process group of its own, so that stopping the attempt
 * reaches every process it started — also a grandchild that left its parent (a double fork), which is no longer
 * anyone's descendant. Where {@code setsid} and {@code /proc} exist (Linux), a process starts through a small
 * {@code sh} launcher: {@code setsid} makes it a group leader, the launcher starts a watcher outside the group and
 * then execs the command itself (so its pid, stdin, stdout and exit code are the command's own). The watcher kills
 * the group — SIGTERM, the grace period, SIGKILL — when the agent dies (even by SIGKILL) or when the group's leader
 * has ended, so nothing an attempt started outlives it or the agent. Elsewhere (Windows, macOS) processes start as
 * they are, and a stop reaches the process and its descendants only.
 *
 * <p>Thread-safe.
 */
public final class ProcessGroups {

    /**
     * Run by {@code setsid /bin/sh -c}: starts the watcher, then becomes the command. Arguments: the watcher's
     * script, the agent's pid and start time, the grace period in seconds, the command.
     */
    private static final String LAUNCHER = """
            watch=$1 agent=$2 agent_started=$3 grace=$4
            shift 4
            start_time() { read -r stat < /proc/$1/stat && set -- ${stat##*)} && echo "${20}"; }
            # read here, not in the background: there the command may have ended already
            started=$(start_time $$)
            setsid /bin/sh -c "$watch" orchestrator-watch "$agent" "$agent_started" $$ "$started" "$grace" \\
                </dev/null >/dev/null 2>&1 &
            exec "$@"
            """;

    /**
     * The watcher, in a session of its own: it holds none of the command's pipes and ignores the signals a stop
     * sends. A process is alive when its {@code /proc} entry has the start time it had, and is no zombie.
     */
    private static final String WATCHER = """
            agent=$1 agent_started=$2 group=$3 group_started=$4 grace=$5
            alive() {
                { read -r stat < /proc/$1/stat; } 2>/dev/null || return 1
                expected=$2
                set -- ${stat##*)}
                [ "$1" != Z ] && [ "${20}" = "$expected" ]
            }
            trap '' TERM INT HUP
            while alive "$agent" "$agent_started" && alive "$group" "$group_started"; do sleep 1; done
            kill -s TERM -- "-$group" 2>/dev/null
            waited=0
            while [ "$waited" -lt "$grace" ] && kill -s 0 -- "-$group" 2>/dev/null; do
                sleep 1
                waited=$((waited + 1))
            done
            kill -s KILL -- "-$group" 2>/dev/null
            """;

    private static final Path PROC = Path.of("/proc");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProcessGroups.class);

    private final Optional<String> setsid;
    private final Duration gracePeriod;
    private final long agentPid;
    private final long agentStartTicks;

    private ProcessGroups(Optional<String> setsid, Duration gracePeriod, long agentPid, long agentStartTicks) {
        this.setsid = setsid;
        this.gracePeriod = gracePeriod;
        this.agentPid = agentPid;
        this.agentStartTicks = agentStartTicks;
    }

    /** Groups where this system offers them ({@code setsid}, {@code /proc}, {@code /bin/sh}); plain processes elsewhere. */
    public static ProcessGroups forThisSystem(Duration gracePeriod) {
        long pid = ProcessHandle.current().pid();
        Optional<ProcStat> self = ProcStat.read(pid);
        Optional<String> setsid = Stream.of("/usr/bin/setsid", "/bin/setsid")
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        if (self.isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) {
            setsid = Optional.empty();
        }
        return new ProcessGroups(setsid, gracePeriod, pid, self.map(ProcStat::startTicks).orElse(0L));
    }

    public boolean supported() {
        return setsid.isPresent();
    }

    /** A started process, and the group it leads when groups are supported. */
    record Started(Process process, Optional<ProcessGroup> group) {
    }

    Started start(ProcessBuilder builder) throws IOException {
        if (setsid.isEmpty()) {
            return new Started(builder.start(), Optional.empty());
        }
        List<String> command = builder.command();
        if (command.isEmpty()) {
            throw new IndexOutOfBoundsException("the command of a process to start is empty");
        }
        checkRunnable(command.get(0), builder);
        List<String> launched = new ArrayList<>(List.of(setsid.get(), "/bin/sh", "-c", LAUNCHER, "orchestrator-task",
                WATCHER, Long.toString(agentPid), Long.toString(agentStartTicks),
                Long.toString(Math.max(1, (gracePeriod.toMillis() + 999) / 1000))));
        launched.addAll(command);
        ProcessBuilder launcher = new ProcessBuilder(launched).directory(builder.directory())
                .redirectInput(builder.redirectInput()).redirectOutput(builder.redirectOutput())
                .redirectError(builder.redirectError()).redirectErrorStream(builder.redirectErrorStream());
        launcher.environment().clear();
        launcher.environment().putAll(builder.environment());
        Process process = launcher.start();
        return new Started(process, awaitLeader(process));
    }

    /**
     * setsid execs in place (a child of the JVM is never a group leader), so the leader's pid is the group's id;
     * the group exists once setsid has called setsid(2), microseconds after the start. Waiting for it means a
     * stop right after the start signals the group, not nothing.
     */
    private static Optional<ProcessGroup> awaitLeader(Process process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Optional<ProcStat> stat = ProcStat.read(process.pid());
        while (stat.isPresent() && stat.get().group() != process.pid() && process.isAlive()
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            stat = ProcStat.read(process.pid());
        }
        return stat.filter(leader -> leader.group() == process.pid())
                .map(leader -> new ProcessGroup(process.pid(), leader.startTicks()));
    }

    /**
     * The launcher's {@code exec} would only fail on stderr with code 127: failing here keeps the error of a
     * command that is not there what it was without groups, an {@link IOException} naming it.
     */
    private static void checkRunnable(String program, ProcessBuilder builder) throws IOException {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && builder.directory() != null) {
                path = builder.directory().toPath().resolve(path);
            }
            if (!Files.isExecutable(path) || Files.isDirectory(path)) {
                throw new IOException("Cannot run program \"" + program + "\": " + path
                        + " is not an executable file");
            }
            return;
        }
        String searchPath = Optional.ofNullable(builder.environment().get("PATH")).orElse("/usr/bin:/bin");
        for (String directory : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory).resolve(program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return;
            }
        }
        throw new IOException("Cannot run program \"" + program + "\": not found on the PATH (" + searchPath + ")");
    }

    /**
     * Sends SIGTERM, or SIGKILL when {@code kill}, to every process of the group at once.
     *
     * @return false when the signal could not be sent (no process could be started to send it)
     */
    boolean signal(ProcessGroup group, boolean kill) {
        try {
            Process signaller = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$0\" -- \"-$1\" 2>/dev/null",
                    kill ? "KILL" : "TERM", Long.toString(group.id()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            signaller.waitFor();
            return true;
        } catch (IOException e) {
            LOG.warn("cannot signal process group {}: {}", group.id(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the signal is sent before kill returns; only its exit is lost
            return true;
        }
    }

    /**
     * Kills the groups an earlier process of the agent left, those still its own: a group whose leader is alive
     * with another start time, or all of whose processes started before the leader did, is someone else's now
     * (its id was reused). For a start's crash recovery, when the watchers did not do it.
     *
     * @return how many groups were killed
     */
    public int killLeftOver(Collection<ProcessGroup> groups) {
        if (groups.isEmpty() || !Files.isDirectory(PROC)) {
            return 0;
        }
        List<ProcStat> processes = ProcStat.all();
        int killed = 0;
        for (ProcessGroup group : groups) {
            boolean leaderReused = processes.stream().anyMatch(process -> process.pid() == group.id()
                    && process.startTicks() != group.leaderStartTicks());
            boolean ours = !leaderReused && processes.stream().anyMatch(process -> process.group() == group.id()
                    && process.startTicks() >= group.leaderStartTicks() && process.state() != 'Z');
            if (ours) {
                signal(group, true);
                killed++;
            }
        }
        return killed;
    }

    /** The fields of {@code /proc/<pid>/stat} this class needs. */
    record ProcStat(long pid, char state, long group, long startTicks) {

        static Optional<ProcStat> read(long pid) {
            try {
                String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
                // the command name, in parentheses, may hold spaces and parentheses: fields count from the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Optional.of(new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[2]),
                        Long.parseLong(fields[19])));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // gone meanwhile, or no /proc here
            }
        }

        static List<ProcStat> all() {
            try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
                return processes.map(process -> read(process.pid())).flatMap(Optional::stream).toList();
            }
        }
    }
}
