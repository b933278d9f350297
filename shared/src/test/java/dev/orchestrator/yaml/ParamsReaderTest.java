package dev.orchestrator.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.ParamDeclaration;
import dev.orchestrator.model.ParamType;
import dev.orchestrator.model.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParamsReaderTest {

    private static LoadResult load(String yaml) {
        return new PipelineLoader(EnvironmentLookup.of(Map.of())).loadText("test.yaml", yaml, Path.of("."));
    }

    private static List<Diagnostic> diagnostics(String params) {
        return load(pipeline(params)).files().get(0).diagnostics();
    }

    private static String pipeline(String params) {
        return "pipelines:\n  - id: typed\n    params:\n" + params.indent(6)
                + "    tasks:\n      - { id: only, connector: shell, action: run }\n";
    }

    private static Pipeline only(String params) {
        LoadResult result = load(pipeline(params));
        assertThat(result.files().get(0).diagnostics()).isEmpty();
        return result.files().get(0).pipelines().get(0);
    }

    @Test
    void plainValuesStayPlainDefaultsWithoutDeclarations() {
        Pipeline pipeline = only("""
            region: eu
            limit: 100
            settings: { depth: 2, mode: fast }
            connection: { type: postgres, host: db }
            """);

        assertThat(pipeline.params())
                .containsExactly(
                        Map.entry("region", "eu"),
                        Map.entry("limit", 100),
                        Map.entry("settings", Map.of("depth", 2, "mode", "fast")),
                        Map.entry("connection", Map.of("type", "postgres", "host", "db")));
        assertThat(pipeline.paramDeclarations()).isEmpty();
    }

    @Test
    void readsATypedDeclarationWithEveryKey() {
        Pipeline pipeline = only("""
            day: { type: date, default: "{{ yesterday }}", description: the day to load }
            region: { type: string, enum: [eu, us], default: eu, required: true }
            batch: { type: integer }
            plain: x
            """);

        assertThat(pipeline.paramDeclarations().keySet()).containsExactly("day", "region", "batch");
        assertThat(pipeline.paramDeclarations().get("day"))
                .isEqualTo(new ParamDeclaration(
                        "day", ParamType.DATE, Optional.of("{{ yesterday }}"), List.of(), "the day to load", false));
        assertThat(pipeline.paramDeclarations().get("region").choices()).containsExactly("eu", "us");
        assertThat(pipeline.paramDeclarations().get("region").required()).isTrue();
        assertThat(pipeline.paramDeclarations().get("batch").required())
                .as("without a default, a declared parameter is required")
                .isTrue();
        assertThat(pipeline.params())
                .as("the typed defaults are the pipeline's defaults, as written")
                .containsExactly(
                        Map.entry("day", "{{ yesterday }}"), Map.entry("region", "eu"), Map.entry("plain", "x"));
    }

    @Test
    void reportsAnUnknownTypeWithTheClosestAtItsLineAndColumn() {
        assertThat(diagnostics("limit: { type: interger, default: 3 }"))
                .singleElement()
                .satisfies(diagnostic -> {
                    assertThat(diagnostic.code()).isEqualTo("PAR001");
                    assertThat(diagnostic.line()).isEqualTo(4);
                    assertThat(diagnostic.column()).isEqualTo(22);
                    assertThat(diagnostic.message()).contains("interger");
                    assertThat(diagnostic.hint()).contains("did you mean 'integer'?");
                });
    }

    @Test
    void reportsADefaultNotOfTheTypeButNotATemplate() {
        assertThat(diagnostics("""
            limit: { type: integer, default: ten }
            flag: { type: boolean, default: maybe }
            day: { type: date, default: "{{ yesterday }}" }
            at: { type: datetime, default: "2026-01-01" }
            """))
                .extracting(Diagnostic::code, Diagnostic::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PAR002", 4),
                        org.assertj.core.groups.Tuple.tuple("PAR002", 5),
                        org.assertj.core.groups.Tuple.tuple("PAR002", 7));
    }

    @Test
    void reportsEnumValuesNotOfTheTypeAndADefaultOutsideTheEnum() {
        assertThat(diagnostics("""
            batch: { type: integer, enum: [100, lots] }
            region: { type: string, enum: [eu, us], default: asia }
            """))
                .extracting(Diagnostic::code, Diagnostic::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "PAR003",
                                "enum value 'lots' of parameter 'batch' is not of its type integer: expected a whole "
                                        + "number, such as 3"),
                        org.assertj.core.groups.Tuple.tuple(
                                "PAR004",
                                "the default 'asia' of parameter 'region' is not one of its enum values: eu, us"));
    }

    @Test
    void reportsAnUnknownKeyOfADeclarationWithTheClosest() {
        assertThat(diagnostics("region: { type: string, defualt: eu }"))
                .singleElement()
                .satisfies(diagnostic -> {
                    assertThat(diagnostic.code()).isEqualTo("KEY001");
                    assertThat(diagnostic.hint()).contains("default");
                });
    }
}
