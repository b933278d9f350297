package dev.orchestrator.bench;

import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.graph.DagView;
import dev.orchestrator.desktop.graph.LaidOutGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The console's DAG graph with 1,000 and 5,000 tasks, headless (Monocle, software renderer, as on a machine
 * without a GPU). Targets: 1,000 tasks laid out and first drawn in ≤ 1 s; panning at ≥ 30 frames per second;
 * 5,000 tasks usable.
 *
 * <ul>
 *   <li>layout: {@link DagLayout} on the calling thread, as the console runs it in the background;
 *   <li>first draw: {@code setGraph} + {@code fit} + one render of a 1280 × 800 view, read back as a snapshot;
 *   <li>pan: 120 frames, each moving the view and rendering it into a snapshot, at the fitted zoom (every task
 *       visible) and at 100 % (labels drawn); and the same 120 frames driven by real pulses, where JavaFX
 *       caps the rate at 60 per second.
 * </ul>
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.DagGraphBenchmark</pre>
 */
public final class DagGraphBenchmark {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final int PAN_FRAMES = 120;
    private static final int ROUNDS = 5;
    private static final String[] STATES = {
        "success",
        "success",
        "success",
        "running",
        "pending",
        "pending",
        "queued",
        "failed",
        "skipped",
        "upstream_failed",
        "retrying",
        "waiting"
    };

    private DagGraphBenchmark() {}

    public static void main(String[] args) throws Exception {
        HeadlessFx.start();
        try {
            Stage stage = HeadlessFx.onFx(() -> {
                Stage window = new Stage();
                window.setScene(new Scene(new StackPane(), WIDTH, HEIGHT));
                window.show();
                return window;
            });
            for (int size : new int[] {1_000, 5_000}) {
                measure(size, stage);
            }
        } finally {
            Platform.exit();
        }
    }

    private static void measure(int size, Stage stage) throws Exception {
        SyntheticDags.Dag dag = SyntheticDags.mixed(size, 42);
        DagLayout layout = new DagLayout();
        List<Double> layoutMillis = new ArrayList<>();
        LaidOutGraph graph = null;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            graph = layout.layout(dag.nodes(), dag.edges());
            layoutMillis.add(millisSince(start));
        }
        LaidOutGraph laidOut = graph;
        Map<String, String> states = new HashMap<>();
        for (int i = 0; i < dag.nodes().size(); i++) {
            states.put(dag.nodes().get(i).id(), STATES[i % STATES.length]);
        }
        WritableImage image = new WritableImage(WIDTH, HEIGHT);
        List<Double> firstDrawMillis = new ArrayList<>();
        DagView view = null;
        for (int round = 0; round < ROUNDS; round++) {
            view = HeadlessFx.onFx(() -> {
                DagView fresh = new DagView();
                stage.getScene().setRoot(new StackPane(fresh));
                fresh.setStates(states);
                return fresh;
            });
            DagView shown = view;
            firstDrawMillis.add(HeadlessFx.onFx(() -> {
                long start = System.nanoTime();
                shown.setGraph(laidOut);
                shown.fit();
                shown.snapshot(null, image);
                return millisSince(start);
            }));
        }
        DagView shown = view;
        double fittedZoom = HeadlessFx.onFx(() -> shown.zoomProperty().get());
        double panFitted = HeadlessFx.onFx(() -> snapshotFramesPerSecond(shown, image));
        double pulsesFitted = pulseFramesPerSecond(shown);
        HeadlessFx.onFx(() -> {
            while (shown.zoomProperty().get() < 1) {
                shown.zoomIn();
            }
            return null;
        });
        double zoomNatural = HeadlessFx.onFx(() -> shown.zoomProperty().get());
        double panNatural = HeadlessFx.onFx(() -> snapshotFramesPerSecond(shown, image));
        double pulsesNatural = pulseFramesPerSecond(shown);

        System.out.printf(
                "%,d tasks, %,d edges, drawing %.0f x %.0f px%n",
                size, dag.edges().size(), laidOut.width(), laidOut.height());
        System.out.printf(
                "  layout:      first %.0f ms, then median %.0f ms (%s)%n",
                layoutMillis.get(0), median(layoutMillis.subList(1, ROUNDS)), rounded(layoutMillis));
        System.out.printf(
                "  first draw:  first %.0f ms, then median %.0f ms (%s)%n",
                firstDrawMillis.get(0), median(firstDrawMillis.subList(1, ROUNDS)), rounded(firstDrawMillis));
        System.out.printf(
                "  layout + first draw, warm: %.0f ms%n",
                median(layoutMillis.subList(1, ROUNDS)) + median(firstDrawMillis.subList(1, ROUNDS)));
        System.out.printf(
                "  pan at fit (zoom %.3f):   %.1f fps with snapshots, %.1f fps with pulses%n",
                fittedZoom, panFitted, pulsesFitted);
        System.out.printf(
                "  pan at 100 %% (zoom %.3f): %.1f fps with snapshots, %.1f fps with pulses%n",
                zoomNatural, panNatural, pulsesNatural);
    }

    /** Each frame moves the view and renders it; snapshot waits for the render, so the frames cannot overlap. */
    private static double snapshotFramesPerSecond(DagView view, WritableImage image) {
        for (int frame = 0; frame < 10; frame++) {
            view.pan(frame % 2 == 0 ? 7 : -7, 0);
            view.snapshot(null, image);
        }
        long start = System.nanoTime();
        for (int frame = 0; frame < PAN_FRAMES; frame++) {
            view.pan(frame < PAN_FRAMES / 2 ? -7 : 7, frame < PAN_FRAMES / 2 ? -4 : 4);
            view.snapshot(null, image);
        }
        return PAN_FRAMES / (millisSince(start) / 1_000);
    }

    /** The same frames driven by the toolkit's pulses: each pulse pans, lays out (draws) and renders. */
    private static double pulseFramesPerSecond(DagView view) throws Exception {
        CompletableFuture<Double> framesPerSecond = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            private int frame = -10;
            private long start;

            @Override
            public void handle(long now) {
                if (frame == 0) {
                    start = System.nanoTime();
                }
                if (frame == PAN_FRAMES) {
                    stop();
                    framesPerSecond.complete(PAN_FRAMES / (millisSince(start) / 1_000));
                    return;
                }
                view.pan(frame < PAN_FRAMES / 2 ? -7 : 7, frame < PAN_FRAMES / 2 ? -4 : 4);
                frame++;
            }
        }.start());
        return framesPerSecond.get();
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String rounded(List<Double> values) {
        return values.stream()
                .map(value -> String.format("%.0f", value))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
