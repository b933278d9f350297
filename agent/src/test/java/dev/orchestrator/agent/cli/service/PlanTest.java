package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Plans carried out with real programs, in a temporary directory. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PlanTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();

    @Test
    void doesEveryStepInOrderAndSaysSo() throws Exception {
        Path unit = directory.resolve("units").resolve("x.service");
        Path marker = directory.resolve("marker");

        new Plan(List.of(
                        new Plan.WriteFile(unit.toString(), "[Service]\n"),
                        new Plan.Run("touch", marker.toString()),
                        new Plan.Note("done")))
                .execute(new PrintWriter(out));

        assertThat(unit).hasContent("[Service]");
        assertThat(marker).exists();
        assertThat(out.toString().lines()).containsExactly("+ write " + unit, "+ touch " + marker, "done");
    }

    @Test
    void skipsAProgramWhenItsConditionHolds() throws Exception {
        Path existing = Files.createFile(directory.resolve("existing"));
        Path marker = directory.resolve("marker");

        new Plan(List.of(new Plan.Run(List.of("touch", marker.toString()), List.of("test", "-e", existing.toString()))))
                .execute(new PrintWriter(out));

        assertThat(marker).doesNotExist();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void stopsAtAFailingProgramAndSaysWhich() {
        Path after = directory.resolve("after");
        Plan plan = new Plan(List.of(new Plan.Run("false"), new Plan.Run("touch", after.toString())));

        assertThatThrownBy(() -> plan.execute(new PrintWriter(out)))
                .isInstanceOf(ServiceChangeFailedException.class)
                .hasMessageContaining("`false` failed with exit code 1");
        assertThat(after).doesNotExist();
    }

    @Test
    void deletesAFileThatMayAlreadyBeGone() throws Exception {
        Path unit = Files.writeString(directory.resolve("x.service"), "[Service]\n");

        new Plan(List.of(new Plan.DeleteFile(unit.toString()), new Plan.DeleteFile(unit.toString())))
                .execute(new PrintWriter(out));

        assertThat(unit).doesNotExist();
    }

    @Test
    void printsTheFileThenTheStepsAsCommentsOfItsSyntax() {
        Plan plan = new Plan(List.of(
                new Plan.WriteFile("/etc/x.service", "[Service]\nUser=x\n"),
                new Plan.Run("systemctl", "daemon-reload"),
                new Plan.Note("see --help")));

        plan.print(new PrintWriter(out), Plan.Comments.HASH);

        assertThat(out.toString().lines())
                .containsExactly(
                        "[Service]",
                        "User=x",
                        "",
                        "# For real (no dry run), this would:",
                        "#   write /etc/x.service (the text above)",
                        "#   systemctl daemon-reload",
                        "# see --help");
        StringWriter xml = new StringWriter();
        plan.print(new PrintWriter(xml), Plan.Comments.XML);
        assertThat(xml.toString()).contains("<!-- see - -help -->");
    }
}
