package dev.orchestrator.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console loads before its first window is drawn, in a JVM of its own as a person starts it: none of
 * the screens the first window does not show, and not their heavy parts — the editor's WebView (WebKit's native
 * start took about 2 s of a 4.5 s console start) and the Eclipse Layout Kernel (only a run's graph needs it).
 */
@IntegrationTest
class ConsoleStartClassesTest {

    /** The models of the screens the first window does not show: each is made when its screen is built. */
    private static final java.util.Set<String> NOT_SHOWN_MODELS = java.util.Set.of(
            "dev.orchestrator.desktop.pipelines.PipelinesModel",
            "dev.orchestrator.desktop.runs.RunsModel",
            "dev.orchestrator.desktop.approvals.ApprovalsModel",
            "dev.orchestrator.desktop.grid.GridModel",
            "dev.orchestrator.desktop.logs.LogSearchModel",
            "dev.orchestrator.desktop.editor.EditorModel",
            "dev.orchestrator.desktop.agents.AgentsModel",
            "dev.orchestrator.desktop.fleet.DriftModel",
            "dev.orchestrator.desktop.fleet.FleetActionsModel");

    @Test
    void the_first_window_loads_no_web_view_no_layout_kernel_and_no_screen_it_does_not_show(@TempDir Path home)
            throws Exception {
        Path log = home.resolve("classes.txt");
        Path output = home.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-Duser.home=" + home,
                "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless",
                "-Dprism.order=sw",
                "-Dprism.text=t2k",
                "-Djava.awt.headless=true",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                ConsoleFirstWindow.class.getName()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("ORCHESTRATOR_HOME"); // the console finds no local agent: its home is empty
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as(printed).isTrue();
        assertThat(printed).contains("console first window");

        List<String> loaded = loadedClasses(log);
        assertThat(loaded).as("the log of class loading").contains(ConsoleApp.class.getName());
        // a class named in a lambda's type is loaded when the window is (no code of it runs); what a built screen
        // needs is its model, what the editor needs is WebKit, and what a laid-out graph needs is ELK's start
        assertThat(loaded)
                .filteredOn(name -> name.startsWith("javafx.scene.web.")
                        || name.startsWith("com.sun.webkit.")
                        || name.startsWith("org.eclipse.elk.alg.")
                        || name.equals("org.eclipse.elk.core.data.LayoutMetaDataService")
                        || NOT_SHOWN_MODELS.contains(name))
                .isEmpty();
        assertThat(loaded).contains("dev.orchestrator.desktop.dashboard.DashboardModel");
    }

    private static List<String> loadedClasses(Path log) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // [0.047s][info][class,load] java.lang.Object source: shared objects file
            int tag = line.indexOf("[class,load] ");
            if (tag >= 0) {
                String rest = line.substring(tag + "[class,load] ".length());
                int space = rest.indexOf(' ');
                names.add(space < 0 ? rest : rest.substring(0, space));
            }
        }
        return names;
    }
}
