package dev.orchestrator.desktop;

/**
 * Starts the console as {@link ConsoleLauncher} does, waits for its first window's first frame to be drawn
 * ({@link ConsoleFirstFrame}), prints {@code console first window} and exits: one console start as a child JVM, for
 * what a start loads ({@code ConsoleStartClassesTest}) and for the build's class-data-sharing training
 * (desktop/pom.xml). Run it headless on Monocle where there is no display.
 */
public final class ConsoleFirstWindow {

    private ConsoleFirstWindow() {}

    public static void main(String[] args) {
        ConsoleFirstFrame.start(
                () -> {
                    System.out.println("console first window");
                    System.out.flush();
                    // off the FX thread: exit waits for the toolkit's shutdown hooks
                    new Thread(() -> System.exit(0), "exit").start();
                },
                failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}
