package dev.orchestrator.bench;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.notice.NoticesModel;
import dev.orchestrator.desktop.session.AgentProfileStore;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.LocalAgent;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.session.Workspace;
import dev.orchestrator.desktop.shell.FailureNotifier;
import dev.orchestrator.desktop.shell.MainWindow;
import dev.orchestrator.desktop.shell.NoticePopups;
import dev.orchestrator.desktop.shell.Theme;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

/**
 * The console's memory over scripted use (issue 22: "within 20 % after an hour of what it is after five minutes"):
 * a real agent in its own JVM runs pipelines that log all the time, and the console (this JVM, headless) is used as a
 * person would: every 1.5 s the next screen of the sidebar, and every few steps a run opened (a running one, whose
 * log then streams live, or an ended one), its task selected and its log shown. Every minute it prints the heap used
 * after a full GC and this process's resident memory; at the end, those at the early mark beside those at the end.
 *
 * <pre>java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw [console JVM options] \
 *     -cp bench/target/benchmarks.jar dev.orchestrator.bench.ConsoleSoakBenchmark [minutes=60] [early mark=5]</pre>
 */
public final class ConsoleSoakBenchmark {

    private static final String PIPELINES = """
            pipelines:
              - id: chatty
                tasks:
                  - { id: prepare, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - id: talk
                    depends_on: [prepare]
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "for i in $(seq 1 240); do echo \\"line $i of a chatty task, as a busy job writes them\\"; sleep 0.25; done"] }
                  - { id: wrap_up, depends_on: [talk], connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: quick
                tasks:
                  - { id: extract, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo '[{\\"id\\": 1}, {\\"id\\": 2}]'"] } }
                  - id: load
                    depends_on: [extract]
                    retry: { times: 0 }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "test $(( $(date +%s) % 3 )) -ne 0 || { echo refused >&2; exit 3; }; echo loaded"] }
            """;

    private static final List<String> SCREENS =
            List.of("dashboard", "pipelines", "runs", "approvals", "grid", "logs", "editor", "agents");

    private ConsoleSoakBenchmark() {}

    public static void main(String[] args) throws Exception {
        Duration total = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 60);
        Duration early = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Path work = Files.createTempDirectory("console-soak");
        Process agent = startAgent(work);
        try {
            soak(work, total, early);
        } finally {
            agent.destroy();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
        Runtime.getRuntime().halt(0);
    }

    private static Process startAgent(Path work) throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("pipelines.yaml"), PIPELINES);
        int port = AgentProcesses.freePort();
        Process agent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.orchestrator.agent.cli.Main",
                        "run",
                        "--config",
                        config.toString(),
                        "--home",
                        work.resolve("home").toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.txt").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not start; see " + work.resolve("agent.txt"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return agent;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
    }

    private static void soak(Path work, Duration total, Duration early) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4, daemon("console-io"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("console-timer"));
        CompletableFuture<MainWindow> shown = new CompletableFuture<>();
        CompletableFuture<Workspace> opened = new CompletableFuture<>();
        Platform.startup(() -> {
            Theme theme = new Theme(false);
            theme.applyToApplication();
            Workspace workspace = new Workspace(
                            new AgentProfileStore(work.resolve("console").resolve("agents.json")),
                            new LocalAgent(work.resolve("home")),
                            io,
                            Platform::runLater,
                            timer,
                            Clock.system(ZoneId.systemDefault()),
                            new FailureNotifier(true)::eventArrived) // as the console: a popup per failed run
                    .open();
            new NoticesModel(workspace.sessions(), new NoticePopups()::show);
            MainWindow window = new MainWindow(
                    workspace, theme, Clock.system(ZoneId.systemDefault()), io, Platform::runLater, timer);
            Stage stage = new Stage();
            Scene scene = new Scene(window, 1280, 800);
            theme.style(scene);
            stage.setScene(scene);
            stage.show();
            opened.complete(workspace);
            shown.complete(window);
        });
        MainWindow window = shown.get(2, TimeUnit.MINUTES);
        AgentSession session = opened.get().sessions().get(0);
        AgentClient client = session.client();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(daemon("soak-load"));
        load.scheduleWithFixedDelay(() -> trigger(client, "chatty"), 0, 20, TimeUnit.SECONDS);
        load.scheduleWithFixedDelay(() -> trigger(client, "quick"), 1, 7, TimeUnit.SECONDS);

        Random random = new Random(22);
        long started = System.nanoTime();
        Sample atStart = Sample.take();
        System.out.println(atStart.line(0));
        Sample atEarly = null;
        long nextMinute = 1;
        for (int step = 0; elapsed(started).compareTo(total) < 0; step++) {
            int current = step;
            onFx(() -> step(window, session, current, random));
            Thread.sleep(1_500);
            if (elapsed(started).toMinutes() >= nextMinute) {
                Sample sample = Sample.take();
                System.out.println(sample.line(nextMinute));
                if (atEarly == null && nextMinute >= early.toMinutes()) {
                    atEarly = sample;
                }
                nextMinute++;
            }
        }
        load.shutdownNow();
        Sample atEnd = Sample.take();
        System.out.println(atEnd.line(elapsed(started).toMinutes()));
        if (atEarly != null) {
            System.out.printf(
                    Locale.ROOT,
                    "after %d min against %d min: heap after full GC %+.1f %% (%d -> %d MB), resident %+.1f %% "
                            + "(%d -> %d MB)%n",
                    elapsed(started).toMinutes(),
                    early.toMinutes(),
                    100.0 * (atEnd.heapMb - atEarly.heapMb) / atEarly.heapMb,
                    atEarly.heapMb,
                    atEnd.heapMb,
                    100.0 * (atEnd.residentMb - atEarly.residentMb) / atEarly.residentMb,
                    atEarly.residentMb,
                    atEnd.residentMb);
        }
        System.out.flush();
    }

    /** One step of the script, on the FX thread: the next screen, or a run opened and its log shown. */
    private static void step(MainWindow window, AgentSession session, int step, Random random) {
        int phase = step % 12;
        if (phase < SCREENS.size()) {
            ((ToggleButton) window.lookup("#nav-" + SCREENS.get(phase))).fire();
            return;
        }
        List<RunDto> runs = List.copyOf(session.runs());
        if (runs.isEmpty()) {
            return;
        }
        RunDto run = phase == 8
                ? runs.stream()
                        .filter(candidate -> "running".equals(candidate.status()))
                        .findFirst()
                        .orElse(runs.get(0))
                : runs.get(random.nextInt(runs.size()));
        if (phase == 8 || phase == 10) {
            window.openRun(new RunRef(LocalAgent.NAME, run.runId()));
            window.runDetail()
                    .model()
                    .selectedTaskProperty()
                    .set(run.pipelineId().equals("chatty") ? "talk" : "load");
        } else if (window.runDetail() != null) {
            ((ToggleButton) window.lookup("#nav-run")).fire();
            ((TabPane) window.runDetail().lookup("#run-tabs"))
                    .getSelectionModel()
                    .select(phase == 9 ? 1 : 2); // the log, then the timeline
        }
    }

    private static void trigger(AgentClient client, String pipelineId) {
        try {
            client.trigger(pipelineId, Map.of());
        } catch (RuntimeException e) {
            System.out.println("trigger " + pipelineId + " failed: " + e.getMessage());
        }
    }

    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(1, TimeUnit.MINUTES);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The heap used after a full GC and the resident memory of this process, in MB. */
    private record Sample(long heapMb, long residentMb) {

        static Sample take() throws Exception {
            System.gc();
            Thread.sleep(200);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long resident =
                    AgentProcesses.residentKilobytes(ProcessHandle.current().pid(), "VmRSS:");
            return new Sample(heap / (1024 * 1024), resident / 1024);
        }

        String line(long minute) {
            return String.format(
                    Locale.ROOT, "minute %3d: heap after full GC %4d MB, resident %4d MB", minute, heapMb, residentMb);
        }
    }
}
