package dev.orchestrator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamBindingTest {

    private static String render(String text) {
        return new TemplateRenderer()
                .renderText(
                        text,
                        TemplateVariables.forRun(
                                ZonedDateTime.of(2026, 3, 15, 6, 0, 0, 0, ZoneOffset.UTC), "run_1", "typed", Map.of()),
                        "params");
    }

    private static Pipeline pipeline(String params) {
        String yaml = "pipelines:\n  - id: typed\n    params:\n" + params.indent(6)
                + "    tasks:\n      - { id: only, connector: shell, action: run }\n";
        return new PipelineLoader(EnvironmentLookup.of(Map.of()))
                .loadText("test.yaml", yaml, Path.of("."))
                .files()
                .get(0)
                .pipelines()
                .get(0);
    }

    private static final String TYPED = """
        day: { type: date, default: "{{ yesterday }}" }
        region: { type: string, enum: [eu, us], default: eu }
        limit: { type: integer, default: 100 }
        ratio: { type: number, default: 0.5 }
        dry_run: { type: boolean, default: false }
        plain: text
        """;

    @Test
    void rendersTemplateDefaultsAndConvertsGivenTextToTheType() {
        Map<String, Object> params = ParamBinding.bind(
                pipeline(TYPED),
                Map.of("limit", "3", "dry_run", "true", "ratio", "2.5"),
                true,
                ParamBindingTest::render);

        assertThat(params)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "day",
                        "2026-03-14",
                        "region",
                        "eu",
                        "limit",
                        3,
                        "ratio",
                        2.5,
                        "dry_run",
                        true,
                        "plain",
                        "text"));
    }

    @Test
    void leavesAPipelineWithoutDeclarationsAsBefore() {
        Map<String, Object> params = ParamBinding.bind(
                pipeline("day: \"{{ yesterday }}\"\nlimit: 100"),
                Map.of("limit", "3", "other", "x"),
                true,
                ParamBindingTest::render);

        assertThat(params)
                .containsExactlyInAnyOrderEntriesOf(Map.of("day", "{{ yesterday }}", "limit", "3", "other", "x"));
    }

    @Test
    void refusesAValueOfTheWrongTypeNamingTheParameter() {
        assertThatThrownBy(() ->
                        ParamBinding.bind(pipeline(TYPED), Map.of("limit", "three"), true, ParamBindingTest::render))
                .isInstanceOfSatisfying(InvalidParamException.class, e -> {
                    assertThat(e.param()).isEqualTo("limit");
                    assertThat(e.expected()).isEqualTo("a whole number, such as 3");
                    assertThat(e.getMessage())
                            .isEqualTo("parameter 'limit' is integer, got 'three': give a whole number, such as 3");
                });
    }

    @Test
    void refusesAValueOutsideTheEnum() {
        assertThatThrownBy(() ->
                        ParamBinding.bind(pipeline(TYPED), Map.of("region", "asia"), true, ParamBindingTest::render))
                .isInstanceOfSatisfying(InvalidParamException.class, e -> {
                    assertThat(e.param()).isEqualTo("region");
                    assertThat(e.expected()).isEqualTo("one of eu, us");
                });
    }

    @Test
    void refusesAMissingRequiredParameter() {
        assertThatThrownBy(() -> ParamBinding.bind(
                        pipeline("batch: { type: integer }"), Map.of(), true, ParamBindingTest::render))
                .isInstanceOfSatisfying(
                        InvalidParamException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("parameter 'batch' is required and has no default: give a whole number, such"
                                        + " as 3"));
    }

    @Test
    void refusesAnUnknownNameWithTheClosestOnlyWhenAskedTo() {
        assertThatThrownBy(() ->
                        ParamBinding.bind(pipeline(TYPED), Map.of("regoin", "us"), true, ParamBindingTest::render))
                .isInstanceOfSatisfying(InvalidParamException.class, e -> {
                    assertThat(e.param()).isEqualTo("regoin");
                    assertThat(e.getMessage()).contains("did you mean 'region'?");
                });

        assertThat(ParamBinding.bind(pipeline(TYPED), Map.of("regoin", "us"), false, ParamBindingTest::render))
                .containsEntry("regoin", "us");
    }

    @Test
    void aNullLeavesATypedParameterToItsDefault() {
        Map<String, Object> given = new HashMap<>();
        given.put("limit", null);

        assertThat(ParamBinding.bind(pipeline(TYPED), given, true, ParamBindingTest::render))
                .containsEntry("limit", 100);
    }

    @Test
    void refusesATemplateThatRendersToAValueNotOfTheType() {
        assertThatThrownBy(() ->
                        ParamBinding.bind(pipeline(TYPED), Map.of("day", "{{ now }}"), true, ParamBindingTest::render))
                .isInstanceOfSatisfying(
                        InvalidParamException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("parameter 'day' is date, got '{{ now }}' (rendered '2026-03-15T06:00:00Z'):"
                                        + " give a date such as 2026-01-31"));
    }
}
