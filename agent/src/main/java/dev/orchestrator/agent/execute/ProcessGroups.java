package dev.orchestrator.agent.execute;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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
 * anyone's descendant. Where {@code setsid} and {@code /proc} exist (Linux), a process starts as {@code setsid
 * <command>}: setsid makes the JVM's child a session and group leader and execs the command in place (its pid,
 * streams and exit code are the command's own). One watcher per agent process, a {@code sh} in a session of its
 * own, holds the groups: the agent tells it of each group through its stdin, and a read from that pipe returns
 * only when a line comes or the agent has died (the kernel closes the pipe, even after SIGKILL). It then kills
 * every group it holds — SIGTERM, the grace period, SIGKILL. When a group's leader ends, the watcher stops what the
 * leader left in its group the same way, so nothing an attempt started outlives it or the agent; it also sends the
 * signals of a stop. Elsewhere (Windows, macOS) processes start as they are, and a stop reaches the process and
 * its descendants only.
 *
 * <p>This costs one exec (setsid's) a process, blocks in {@code read} while nothing happens, and forks only to stop a
 * group that still has processes. Until 2026-12 each process started through a {@code sh} launcher that started a
 * watcher of its own polling with {@code sleep 1}: five processes for each, 1.8x the time for a burst of one-task
 * runs.
 *
 * <p>Thread-safe.
 */
public final class ProcessGroups {

    /**
     * The agent's watcher, run by {@code setsid /bin/sh -c} with the agent's pid as its first argument (for people
     * reading {@code ps}). Lines on stdin: {@code add <group> <grace seconds>}, {@code end <group>} (its leader has
     * ended: stop the rest), {@code TERM <group>} and {@code KILL <group>}. It ignores the signals a stop sends.
     */
    private static final String WATCHER = """
            trap '' TERM INT HUP
            held=' '
            stop() { # group grace: SIGTERM, the grace, SIGKILL
                kill -s TERM -- "-$1" 2>/dev/null || return 0
                waited=0
                while [ "$waited" -lt "$2" ] && kill -s 0 -- "-$1" 2>/dev/null; do
                    sleep 1
                    waited=$((waited + 1))
                done
                kill -s KILL -- "-$1" 2>/dev/null
            }
            while read -r what group grace; do
                case $what in
                    add) held="$held$group:$grace " ;;
                    end)
                        case $held in
                            *" $group:"*)
                                rest=${held#*" $group:"}
                                grace=${rest%%" "*}
                                held=${held%%" $group:"*}" "${rest#*" "}
                                if kill -s 0 -- "-$group" 2>/dev/null; then stop "$group" "$grace" </dev/null & fi ;;
                        esac ;;
                    TERM|KILL) kill -s "$what" -- "-$group" 2>/dev/null ;;
                esac
            done
            # the agent is gone: every group it held at once, then the longest grace, then whatever is left
            longest=0
            for entry in $held; do
                kill -s TERM -- "-${entry%:*}" 2>/dev/null
                [ "${entry#*:}" -gt "$longest" ] && longest=${entry#*:}
            done
            waited=0
            while [ "$waited" -lt "$longest" ]; do
                alive=
                for entry in $held; do kill -s 0 -- "-${entry%:*}" 2>/dev/null && alive=1; done
                [ -z "$alive" ] && break
                sleep 1
                waited=$((waited + 1))
            done
            for entry in $held; do kill -s KILL -- "-${entry%:*}" 2>/dev/null; done
            """;

    private static final Path PROC = Path.of("/proc");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProcessGroups.class);
    /** The one watcher of this agent process (of the JVM: every engine in it shares it). */
    private static final Watcher WATCHER_PROCESS = new Watcher();

    private final Optional<String> setsid;
    private final Duration gracePeriod;

    private ProcessGroups(Optional<String> setsid, Duration gracePeriod) {
        this.setsid = setsid;
        this.gracePeriod = gracePeriod;
    }

    /** Groups where this system offers them ({@code setsid}, {@code /proc}, {@code /bin/sh}); plain processes elsewhere. */
    public static ProcessGroups forThisSystem(Duration gracePeriod) {
        Optional<String> setsid = Stream.of("/usr/bin/setsid", "/bin/setsid")
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst();
        if (ProcStat.read(ProcessHandle.current().pid()).isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) {
            setsid = Optional.empty();
        }
        return new ProcessGroups(setsid, gracePeriod);
    }

    public boolean supported() {
        return setsid.isPresent();
    }

    /** A started process, and the group it leads when groups are supported. */
    record Started(Process process, Optional<ProcessGroup> group) {}

    Started start(ProcessBuilder builder) throws IOException {
        if (setsid.isEmpty()) {
            return new Started(builder.start(), Optional.empty());
        }
        List<String> command = builder.command();
        if (command.isEmpty()) {
            throw new IndexOutOfBoundsException("the command of a process to start is empty");
        }
        checkRunnable(command.get(0), builder);
        List<String> launched = new ArrayList<>(List.of(setsid.get()));
        launched.addAll(command);
        ProcessBuilder launcher = new ProcessBuilder(launched)
                .directory(builder.directory())
                .redirectInput(builder.redirectInput())
                .redirectOutput(builder.redirectOutput())
                .redirectError(builder.redirectError())
                .redirectErrorStream(builder.redirectErrorStream());
        launcher.environment().clear();
        launcher.environment().putAll(builder.environment());
        // the watcher first: a group must never exist that no one would stop if the agent died now
        WATCHER_PROCESS.ensureRunning(setsid.get());
        Process process = launcher.start();
        Optional<ProcessGroup> group = awaitLeader(process);
        // held even when its leader has ended and been reaped already: its group may hold what it started
        WATCHER_PROCESS.hold(process.pid(), Math.max(1, (gracePeriod.toMillis() + 999) / 1000));
        return new Started(process, group);
    }

    /**
     * The attempt that started the process is over: its group is stopped if anything is left in it (SIGTERM, the
     * grace period, SIGKILL, in the watcher), and no longer held.
     */
    void ended(Process process) {
        WATCHER_PROCESS.ended(process.pid());
    }

    /**
     * setsid execs in place (a child of the JVM is never a group leader), so the leader's pid is the group's id;
     * the group exists once setsid has called setsid(2), microseconds after the start. Waiting for it means a
     * stop right after the start signals the group, not nothing.
     */
    private static Optional<ProcessGroup> awaitLeader(Process process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Optional<ProcStat> stat = ProcStat.read(process.pid());
        while (stat.isPresent()
                && stat.get().group() != process.pid()
                && process.isAlive()
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
                throw new IOException("Cannot run program \"" + program + "\": " + path + " is not an executable file");
            }
            return;
        }
        String searchPath =
                Optional.ofNullable(builder.environment().get("PATH")).orElse("/usr/bin:/bin");
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
        if (WATCHER_PROCESS.signal(group.id(), kill)) {
            return true;
        }
        try {
            Process signaller = new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            "kill -s \"$0\" -- \"-$1\" 2>/dev/null",
                            kill ? "KILL" : "TERM",
                            Long.toString(group.id()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
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
            boolean leaderReused = processes.stream()
                    .anyMatch(
                            process -> process.pid() == group.id() && process.startTicks() != group.leaderStartTicks());
            boolean ours = !leaderReused
                    && processes.stream()
                            .anyMatch(process -> process.group() == group.id()
                                    && process.startTicks() >= group.leaderStartTicks()
                                    && process.state() != 'Z');
            if (ours) {
                signal(group, true);
                killed++;
            }
        }
        return killed;
    }

    /**
     * The agent's watcher process ({@link #WATCHER}), started when the first group is, and again if it died; the
     * groups it holds are those told since. Thread-safe.
     */
    private static final class Watcher {

        /** The groups held, by their id: each one's grace period in seconds. */
        private final java.util.Map<Long, Long> held = new java.util.HashMap<>();

        private Process process;
        private OutputStream lines;

        /** Starts the watcher unless it runs; a new one is told of the groups held. */
        synchronized void ensureRunning(String setsid) throws IOException {
            if (lines != null && process.isAlive()) {
                return;
            }
            if (process != null) {
                process.destroyForcibly();
            }
            // the JVM's children inherit no descriptor but their three streams: only the agent holds this pipe
            process = new ProcessBuilder(
                            setsid,
                            "/bin/sh",
                            "-c",
                            WATCHER,
                            "orchestrator-watch",
                            Long.toString(ProcessHandle.current().pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            lines = process.getOutputStream();
            held.forEach((group, grace) -> tell("add " + group + " " + grace));
        }

        synchronized void hold(long group, long graceSeconds) {
            held.put(group, graceSeconds);
            tell("add " + group + " " + graceSeconds);
        }

        synchronized void ended(long group) {
            if (held.remove(group) != null) {
                tell("end " + group);
            }
        }

        /** @return false when the watcher is not there to send it */
        synchronized boolean signal(long group, boolean kill) {
            return tell((kill ? "KILL " : "TERM ") + group);
        }

        private boolean tell(String line) {
            if (lines == null) {
                return false;
            }
            try {
                lines.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                lines.flush();
                return true;
            } catch (IOException e) {
                LOG.warn(
                        "the watcher of task process groups has gone ({}): another starts with the next task",
                        e.toString());
                lines = null;
                return false;
            }
        }
    }

    /** The fields of {@code /proc/<pid>/stat} this class needs. */
    record ProcStat(long pid, char state, long group, long startTicks) {

        static Optional<ProcStat> read(long pid) {
            try {
                String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
                // the command name, in parentheses, may hold spaces and parentheses: fields count from the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Optional.of(
                        new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[19])));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // gone meanwhile, or no /proc here
            }
        }

        static List<ProcStat> all() {
            try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
                return processes
                        .map(process -> read(process.pid()))
                        .flatMap(Optional::stream)
                        .toList();
            }
        }
    }
}
