package dev.orchestrator.bench;

import dev.orchestrator.desktop.ConsoleFirstFrame;
import java.lang.management.ManagementFactory;

/**
 * Console start → first window, as one launch: the JVM's start to the first frame drawn of the console's main
 * window ({@link ConsoleFirstFrame}, the frame the desktop build's start-up training stops at too). Prints the
 * milliseconds and exits. One launch per process; {@code bench/feel.py --console} runs it
 * five times. Headless (Monocle, the software renderer) where no display exists, as the desktop tests run:
 *
 * <pre>java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp bench/target/benchmarks.jar \
 *     dev.orchestrator.bench.ConsoleStartBenchmark</pre>
 */
public final class ConsoleStartBenchmark {

    private ConsoleStartBenchmark() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ConsoleFirstFrame.start(
                () -> {
                    System.out.println("console first window: " + (System.currentTimeMillis() - jvmStart) + " ms");
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                },
                failure -> {
                    failure.printStackTrace();
                    Runtime.getRuntime().halt(1);
                });
    }
}
