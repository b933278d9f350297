package dev.orchestrator.bench;

import dev.orchestrator.desktop.ConsoleApp;
import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Console start → first window, as one launch: the JVM's start to the first frame drawn of the console's main
 * window. Prints the milliseconds and exits. One launch per process; {@code bench/feel.py --console} runs it
 * five times. Headless (Monocle, the software renderer) where no display exists, as the desktop tests run:
 *
 * <pre>java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp bench/target/benchmarks.jar \
 *     dev.orchestrator.bench.ConsoleStartBenchmark</pre>
 */
public final class ConsoleStartBenchmark {

    private ConsoleStartBenchmark() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setOnShown(shown -> new AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames == 2) { // the frame after the one the window was shown in has been drawn
                        stop();
                        System.out.println("console first window: " + (System.currentTimeMillis() - jvmStart) + " ms");
                        System.out.flush();
                        Runtime.getRuntime().halt(0);
                    }
                }
            }.start());
            try {
                ConsoleApp app = new ConsoleApp();
                app.init();
                app.start(stage);
            } catch (Exception e) {
                e.printStackTrace();
                Runtime.getRuntime().halt(1);
            }
        });
    }
}
