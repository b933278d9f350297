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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
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
        List<Sample> samples = new ArrayList<>();
        samples.add(Sample.take(0, 0));
        System.out.println(samples.get(0).line());
        long nextMinute = 1;
        int step = 0;
        for (; elapsed(started).compareTo(total) < 0; step++) {
            int current = step;
            onFx(() -> step(window, session, current, random));
            Thread.sleep(1_500);
            if (elapsed(started).toMinutes() >= nextMinute) {
                samples.add(Sample.take(nextMinute, step + 1));
                System.out.println(samples.get(samples.size() - 1).line());
                nextMinute++;
            }
        }
        load.shutdownNow();
        Sample atEnd = Sample.take(elapsed(started).toMinutes(), step);
        System.out.println(atEnd.line());
        samples.add(atEnd);
        samples.stream()
                .filter(sample -> sample.minute >= early.toMinutes())
                .findFirst()
                .filter(atEarly -> atEarly.minute < atEnd.minute)
                .ifPresent(atEarly -> verdict(atEarly, atEnd, samples));
        System.out.flush();
    }

    /**
     * The target (at the end within 20 % of the early mark) for the heap after a full GC and for the resident
     * memory, and the slope of each from the early mark on (least squares over the minutes' samples).
     */
    private static void verdict(Sample atEarly, Sample atEnd, List<Sample> samples) {
        List<Sample> fromEarly = samples.stream()
                .filter(sample -> sample.minute >= atEarly.minute)
                .toList();
        System.out.printf(
                Locale.ROOT,
                "end (minute %d) against the early mark (minute %d), target within 20 %%:%n"
                        + "  heap after full GC %d -> %d MB, %+.1f %%: %s; slope %+.2f MB per minute%n"
                        + "  resident           %d -> %d MB, %+.1f %%: %s; slope %+.2f MB per minute%n",
                atEnd.minute,
                atEarly.minute,
                atEarly.heapMb,
                atEnd.heapMb,
                growth(atEarly.heapMb, atEnd.heapMb),
                growth(atEarly.heapMb, atEnd.heapMb) <= 20 ? "met" : "MISSED",
                slope(fromEarly, Sample::heapMb),
                atEarly.residentMb,
                atEnd.residentMb,
                growth(atEarly.residentMb, atEnd.residentMb),
                growth(atEarly.residentMb, atEnd.residentMb) <= 20 ? "met" : "MISSED",
                slope(fromEarly, Sample::residentMb));
    }

    private static double growth(long early, long end) {
        return 100.0 * (end - early) / early;
    }

    private static double slope(List<Sample> samples, ToLongFunction<Sample> value) {
        double meanMinute = samples.stream().mapToLong(Sample::minute).average().orElse(0);
        double meanValue = samples.stream().mapToLong(value).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (Sample sample : samples) {
            covariance += (sample.minute - meanMinute) * (value.applyAsLong(sample) - meanValue);
            variance += (sample.minute - meanMinute) * (sample.minute - meanMinute);
        }
        return variance == 0 ? 0 : covariance / variance;
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

    /**
     * At a minute of the soak, the heap used after a full GC and the resident memory of this process, in MB, and the
     * script's steps done so far (a loaded machine does fewer a minute: one in six opens a run).
     */
    private record Sample(long minute, long heapMb, long residentMb, int steps) {

        static Sample take(long minute, int steps) throws Exception {
            System.gc();
            Thread.sleep(200);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long resident =
                    AgentProcesses.residentKilobytes(ProcessHandle.current().pid(), "VmRSS:");
            return new Sample(minute, heap / (1024 * 1024), resident / 1024, steps);
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "minute %3d: heap after full GC %4d MB, resident %4d MB, %5d steps",
                    minute,
                    heapMb,
                    residentMb,
                    steps);
        }
    }
}
