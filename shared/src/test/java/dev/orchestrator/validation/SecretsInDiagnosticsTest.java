package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.LoadResult;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A value that came from the environment or the .env file is a secret: a diagnostic that quotes it quotes it
 * masked, whichever of the loader and the validator reports it, so no log, terminal or answer can show it.
 */
class SecretsInDiagnosticsTest {

    private static final String CANARY = "CanaryEnv_not_a_cron";
    private static final Map<String, String> ENVIRONMENT = Map.of("CANARY", CANARY);

    private static LoadResult load(String yaml) {
        return new PipelineLoader(EnvironmentLookup.of(ENVIRONMENT)).loadText("secret.yaml", yaml, Path.of("."));
    }

    private static List<Diagnostic> loadedDiagnostics(LoadResult loaded) {
        List<Diagnostic> all = new ArrayList<>();
        loaded.files().forEach(file -> all.addAll(file.diagnostics()));
        return all;
    }

    private static void assertNoneQuotesTheSecret(List<Diagnostic> diagnostics) {
        assertThat(diagnostics).isNotEmpty().allSatisfy(diagnostic -> {
            assertThat(diagnostic.message()).doesNotContain(CANARY).doesNotContain("CanaryEnv");
            assertThat(String.valueOf(diagnostic.hint())).doesNotContain(CANARY).doesNotContain("CanaryEnv");
        });
    }

    @Test
    void theValidatorQuotesACronExpressionFromTheEnvironmentMasked() {
        LoadResult loaded = load("""
                pipelines:
                  - id: leaky
                    schedule: { type: cron, cron_expr: "${CANARY}" }
                    tasks:
                      - { id: t, connector: shell, action: run }
                """);

        List<Diagnostic> found = new Validator(Optional.empty(), Fixtures.CLOCK).validate(loaded);

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("SCH002");
            assertThat(diagnostic.line()).isEqualTo(3);
            assertThat(diagnostic.message()).contains("holds the value of an environment variable");
        });
        assertNoneQuotesTheSecret(found);
    }

    @Test
    void aCronLibrarysOwnTextNeverCarriesPiecesOfASecretUpperCasedOrSplit() {
        LoadResult loaded = new PipelineLoader(EnvironmentLookup.of(Map.of("MY_SECRET", "p@ss w/rd+=&")))
                .loadText("secret.yaml", """
                        pipelines:
                          - id: leaky
                            schedule: { type: cron, cron_expr: "0 ${MY_SECRET} * * *" }
                            tasks:
                              - { id: t, connector: shell, action: run }
                        """, Path.of("."));

        List<Diagnostic> found = new Validator(Optional.empty(), Fixtures.CLOCK).validate(loaded);

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("SCH002");
            assertThat(diagnostic.message().toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("p@ss")
                    .doesNotContain("w/rd");
            assertThat(diagnostic.message()).contains("leaky");
        });
    }

    @Test
    void theLoaderQuotesValuesFromTheEnvironmentMasked() {
        LoadResult loaded = load("""
                pipelines:
                  - id: leaky
                    schedule: { type: "${CANARY}", timezone: "${CANARY}", start_date: "${CANARY}" }
                    tasks:
                      - { id: t, connector: shell, action: run, trigger_rule: "${CANARY}" }
                """);

        List<Diagnostic> found = loadedDiagnostics(loaded);

        assertThat(found).extracting(Diagnostic::code).contains("VAL001", "SCH005", "SCH006");
        assertNoneQuotesTheSecret(found);
    }

    @Test
    void theConfigReaderNeverHandsOnASecretInAnyDiagnostic() {
        var config = Fixtures.reader(ENVIRONMENT).readText("secret.yaml", """
                pipelines:
                  - id: leaky
                    schedule: { type: cron, cron_expr: "${CANARY}", timezone: "${CANARY}" }
                    tasks:
                      - { id: t, connector: shell, action: run }
                """, Path.of("."));

        assertThat(config.diagnostics()).extracting(Diagnostic::code).contains("SCH005");
        assertNoneQuotesTheSecret(config.diagnostics());
    }

    @Test
    void aReferenceThatResolvesToItselfIsNoSecretAndStaysReadable() {
        // the desktop editor resolves every reference to its own text: its diagnostics keep naming the variable
        LoadResult loaded =
                new PipelineLoader(name -> Optional.of("${" + name + "}")).loadText("editor.yaml", """
                pipelines:
                  - id: p
                    schedule: { type: "${SCHEDULE_TYPE}" }
                    tasks:
                      - { id: t, connector: shell, action: run }
                """, Path.of("."));

        assertThat(loaded.secrets().isEmpty()).isTrue();
        assertThat(loadedDiagnostics(loaded))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message()).contains("'${SCHEDULE_TYPE}'"));
    }
}
