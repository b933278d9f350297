package dev.orchestrator.desktop;

import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the console as {@link ConsoleLauncher} does and says when its first window's first frame was drawn: the
 * end of a console start, for the start's benchmark ({@code ConsoleStartBenchmark}) and for the build's run up to
 * the same point that trains class-data sharing and lists what a start loads (the desktop tests'
 * {@code ConsoleFirstWindow}). One place, so both stop at the same frame. The console itself does not use it.
 */
public final class ConsoleFirstFrame {

    private ConsoleFirstFrame() {}

    /**
     * Starts the toolkit and the console in a stage of its own; {@code drawn} runs on the FX thread once the frame
     * after the one the window was shown in has been drawn, {@code failed} with what the console's start threw.
     */
    public static void start(Runnable drawn, Consumer<Exception> failed) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setOnShown(shown -> new AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames == 2) {
                        stop();
                        drawn.run();
                    }
                }
            }.start());
            try {
                ConsoleApp app = new ConsoleApp();
                app.init();
                app.start(stage);
            } catch (Exception e) {
                failed.accept(e);
            }
        });
    }
}
