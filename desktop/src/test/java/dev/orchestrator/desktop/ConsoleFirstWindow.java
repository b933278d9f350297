package dev.orchestrator.desktop;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the console as {@link ConsoleLauncher} does, waits for its first window's first frame to be drawn, prints
 * {@code console first window} and exits: one console start as a child JVM, for what a start loads
 * ({@code ConsoleStartClassesTest}) and for the build's class-data-sharing training (desktop/pom.xml). Run it
 * headless on Monocle where there is no display.
 */
public final class ConsoleFirstWindow {

    private ConsoleFirstWindow() {}

    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setOnShown(shown -> new AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames == 2) { // the frame after the one the window was shown in has been drawn
                        stop();
                        System.out.println("console first window");
                        System.out.flush();
                        // off the FX thread: exit waits for the toolkit's shutdown hooks
                        new Thread(() -> System.exit(0), "exit").start();
                    }
                }
            }.start());
            try {
                ConsoleApp app = new ConsoleApp();
                app.init();
                app.start(stage);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
    }
}
