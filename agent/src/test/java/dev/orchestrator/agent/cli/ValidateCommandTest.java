package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final String VALID = """
            pipelines:
              - id: hello
                tasks:
                  - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
            """;
    private static final String BROKEN = """
            pipelines:
              - id: broken
                schedule: { type: cron, cron_expr: "0 25 * * *" }
                tasks:
                  - id: extract
                    connector: csv_file
                    action: fetch
                  - id: load
                    connector: csv_fil
                    action: push
                    depend_on: [extract]
            """;

    /** "Billion laughs": a few hundred bytes whose aliases expand to 9^9 strings. */
    static final String ALIAS_BOMB = """
            pipelines:
              - id: bomb
                tasks:
                  - id: t
                    connector: shell
                    action: run
                    action_kwargs:
                      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    @TempDir
    Path dir;

    private static Result run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void exitsZeroAndSaysSoForAValidDirectory() throws IOException {
        Files.writeString(dir.resolve("hello.yaml"), VALID);

        Result result = run("validate", "--config", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("OK: 1 pipeline in 1 file, no problems");
    }

    @Test
    void printsOneLinePerProblemWithHintsThenASummaryAndExitsOne() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yaml"), BROKEN);

        Result result = run("validate", "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> problems =
                result.lines().stream().filter(line -> !line.startsWith("  ")).toList();
        assertThat(problems).hasSize(4);
        assertThat(problems.subList(0, 3))
                .allSatisfy(line ->
                        assertThat(line).matches("\\S+broken\\.yaml:\\d+:\\d+  (error|warning)  [A-Z]+\\d{3}  .+"));
        assertThat(problems.get(0)).contains(":3:").contains("SCH002");
        assertThat(problems.get(1)).contains(":9:").contains("CON001").contains("did you mean 'csv_file'");
        assertThat(problems.get(2)).contains(":11:").contains("KEY001").contains("did you mean 'depends_on'");
        assertThat(result.lines()).anyMatch(line -> line.startsWith("  hint: "));
        assertThat(problems.get(3)).isEqualTo("FAILED: 3 errors, 0 warnings (1 pipeline in 1 file)");
    }

    @Test
    void aMisspeltArgumentOfABuiltInActionIsAnErrorWithDidYouMean() throws IOException {
        Path file = Files.writeString(dir.resolve("api.yaml"), """
                pipelines:
                  - id: api
                    tasks:
                      - id: call
                        connector: http_api
                        connector_config: { base_url: "http://127.0.0.1:9" }
                        action: fetch
                        action_kwargs: { endpont: "/x/{{ today }}" }
                """);

        Result result = run("validate", "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out())
                .containsPattern("api\\.yaml:8:26  error  CON003  .*'endpont'.*did you mean 'endpoint'\\?")
                .contains("  hint: parameters of http_api.fetch: endpoint, method, params, json, timeout")
                .contains("FAILED: 1 error");
    }

    @Test
    void aMisspeltArgumentOfAPluginActionIsAnErrorLikeABuiltIns() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(plugins.resolve("Greeter.java"), """
                import dev.orchestrator.connector.Connector;

                @Connector("greeter")
                public class Greeter {
                    public String greet(String name, String greeting) {
                        return greeting + " " + name;
                    }
                }
                """);
        Path file = Files.writeString(dir.resolve("greet.yaml"), """
                pipelines:
                  - id: greet
                    tasks:
                      - { id: hi, connector: greeter, action: greet, action_kwargs: { name: x, greting: hello } }
                """);

        Result result = run("validate", "--config", file.toString(), "--plugins", plugins.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out())
                .contains("CON003")
                .contains("'greting'")
                .contains("did you mean 'greeting'?")
                .contains("hint: parameters of greeter.greet: name, greeting");
    }

    @Test
    void printsJsonWithExactlyTheDocumentedKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yaml"), BROKEN);

        Result result = run("validate", "--config", file.toString(), "--format", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode array = new ObjectMapper().readTree(result.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        for (JsonNode diagnostic : array) {
            List<String> keys = new ArrayList<>();
            diagnostic.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("file", "line", "column", "severity", "code", "message", "hint");
            assertThat(diagnostic.get("severity").asText()).isIn("error", "warning");
            assertThat(diagnostic.get("line").asInt()).isPositive();
            assertThat(diagnostic.get("column").asInt()).isPositive();
        }
        assertThat(array.get(2).get("code").asText()).isEqualTo("KEY001");
        assertThat(array.get(2).get("line").asInt()).isEqualTo(11);
    }

    @Test
    void neverPrintsAValueThatCameFromTheDotEnvFile() throws IOException {
        Path config = Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve(".env"), "CANARY=CanaryEnv_not_a_cron\n");
        Files.writeString(config.resolve("leaky.yaml"), """
                pipelines:
                  - id: leaky
                    schedule: { type: cron, cron_expr: "${CANARY}", timezone: "${CANARY}" }
                    tasks:
                      - { id: say, connector: shell, action: run }
                """);

        Result text = run("validate", "--config", config.toString());
        Result json = run("validate", "--config", config.toString(), "--format", "json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("SCH002").contains("SCH005").contains("'***'");
        assertThat(json.out()).contains("SCH002");
        for (Result result : List.of(text, json)) {
            assertThat(result.out() + result.err()).doesNotContain("CanaryEnv");
        }
    }

    @Test
    void anAliasBombIsAnErrorFoundNotACrash() throws IOException {
        Path file = Files.writeString(dir.resolve("bomb.yaml"), ALIAS_BOMB);

        Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> run("validate", "--config", file.toString()));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out())
                .containsPattern("bomb\\.yaml:13:\\d+  error  YAML003  ")
                .contains("  hint: ")
                .contains("FAILED: 1 error");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aFiftyMegabyteFileIsAnErrorFoundAtOnce() throws IOException {
        Path file = Files.writeString(
                dir.resolve("huge.yaml"),
                "pipelines:\n  - id: huge\n    description: \"" + "x".repeat(50 * 1024 * 1024) + "\"\n");

        Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> run("validate", "--config", file.toString()));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out())
                .contains("huge.yaml:1:1  error  FILE006  ")
                .contains("at most 5 MB")
                .contains("  hint: split it");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void warningsAloneStillExitZero() throws IOException {
        Files.writeString(dir.resolve("warn.yaml"), """
                pipelines:
                  - id: warn
                    schedule: { cron_expr: "0 6 * * *" }
                    tasks:
                      - { id: say, connector: shell, action: run }
                """);

        Result result = run("validate", "--config", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("warning  SCH008").contains("OK with warnings: 0 errors, 1 warning");
    }

    @Test
    void aMissingDirectoryIsAUsageErrorWithExitTwo() {
        Result result = run("validate", "--config", dir.resolve("nope").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("does not exist");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertThat(run("validate", "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"validate", "--help"})) {
            Result result = run(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("Usage:");
        }
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"validate", "--version"})) {
            Result result = run(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("orchestrator ").doesNotContain("${");
        }
    }

    @Test
    void noCommandAtAllIsAUsageError() {
        Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("orchestrator validate");
    }

    @Test
    void tokenPrintsTheSameTokenUntilRotatedAndKeepsTheFilePrivate() throws IOException {
        Result first = run("token", "--home", dir.resolve("home").toString());
        Result again = run("token", "--home", dir.resolve("home").toString());
        Result rotated = run("token", "--home", dir.resolve("home").toString(), "--rotate");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out().strip())
                .hasSizeGreaterThanOrEqualTo(32)
                .isEqualTo(again.out().strip());
        assertThat(rotated.out().strip())
                .hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(first.out().strip());
        assertThat(rotated.err())
                .contains("accepts only this token from now on")
                .doesNotContain("restart");
        assertThat(java.nio.file.Files.getPosixFilePermissions(
                        dir.resolve("home").resolve("token")))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({
        org.junit.jupiter.api.condition.OS.LINUX,
        org.junit.jupiter.api.condition.OS.MAC
    })
    void tokenTightensALooseHomeAsTheAgentDoes() throws IOException {
        java.nio.file.Path home = java.nio.file.Files.createDirectories(dir.resolve("loose-home"));
        java.nio.file.Path token = home.resolve("token");
        java.nio.file.Files.writeString(token, "t".repeat(43));
        java.nio.file.Path log =
                java.nio.file.Files.createDirectories(home.resolve("logs")).resolve("agent.log");
        java.nio.file.Files.writeString(log, "an old line\n");
        for (java.nio.file.Path path : java.util.List.of(home, home.resolve("logs"))) {
            java.nio.file.Files.setPosixFilePermissions(
                    path, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (java.nio.file.Path path : java.util.List.of(token, log)) {
            java.nio.file.Files.setPosixFilePermissions(
                    path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }

        Result printed = run("token", "--home", home.toString());
        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out().strip()).isEqualTo("t".repeat(43));
        Result rotated = run("token", "--home", home.toString(), "--rotate");
        assertThat(rotated.exitCode()).isZero();

        try (var paths = java.nio.file.Files.walk(home)) {
            assertThat(paths.toList())
                    .allSatisfy(path -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                                    java.nio.file.Files.getPosixFilePermissions(path)))
                            .as(path.toString())
                            .isEqualTo(java.nio.file.Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }
}
