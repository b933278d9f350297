package dev.orchestrator.desktop.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.ParamDeclarationDto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerFormModelTest {

    private static final List<ParamDeclarationDto> PARAMETERS = List.of(
            new ParamDeclarationDto("day", "date", "{{ yesterday }}", List.of(), "the day", false),
            new ParamDeclarationDto("region", "string", "eu", List.of("eu", "us"), "", false),
            new ParamDeclarationDto("limit", "integer", 10, List.of(), "", false),
            new ParamDeclarationDto("dry_run", "boolean", false, List.of(), "", false),
            new ParamDeclarationDto("batch", "integer", null, List.of(), "", true),
            new ParamDeclarationDto("plain", null, "kept", List.of(), "", false));

    private static TriggerFormModel.Field field(TriggerFormModel form, String name) {
        return form.fields().stream()
                .filter(field -> field.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void buildsAFieldOfTheRightKindPerParameterPrefilledWithItsDefault() {
        TriggerFormModel form = new TriggerFormModel(PARAMETERS);

        assertThat(form.fields())
                .extracting(
                        TriggerFormModel.Field::name,
                        TriggerFormModel.Field::kind,
                        f -> f.textProperty().get())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("day", TriggerFormModel.Kind.DATE, "{{ yesterday }}"),
                        org.assertj.core.groups.Tuple.tuple("region", TriggerFormModel.Kind.CHOICE, "eu"),
                        org.assertj.core.groups.Tuple.tuple("limit", TriggerFormModel.Kind.INTEGER, "10"),
                        org.assertj.core.groups.Tuple.tuple("dry_run", TriggerFormModel.Kind.BOOLEAN, "false"),
                        org.assertj.core.groups.Tuple.tuple("batch", TriggerFormModel.Kind.INTEGER, ""),
                        org.assertj.core.groups.Tuple.tuple("plain", TriggerFormModel.Kind.TEXT, "kept"));
        assertThat(form.typed()).isTrue();
    }

    @Test
    void aMissingRequiredOrInvalidValueDisablesRunWithTheProblemBesideTheField() {
        TriggerFormModel form = new TriggerFormModel(PARAMETERS);
        assertThat(form.validProperty().get()).isFalse();
        assertThat(field(form, "batch").problemProperty().get()).isEqualTo("batch is required");

        field(form, "batch").textProperty().set("4");
        assertThat(form.validProperty().get()).isTrue();

        field(form, "limit").textProperty().set("ten");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(field(form, "limit").problemProperty().get()).isEqualTo("expected a whole number, such as 3");

        field(form, "limit").textProperty().set("3");
        field(form, "day").textProperty().set("2026-02-30");
        assertThat(field(form, "day").problemProperty().get()).isEqualTo("expected a date such as 2026-01-31");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void sendsTypedValuesAndTemplatesAsTheyAre() {
        TriggerFormModel form = new TriggerFormModel(PARAMETERS);
        field(form, "batch").textProperty().set("4");
        field(form, "dry_run").textProperty().set("true");
        field(form, "region").textProperty().set("us");

        assertThat(form.values())
                .containsExactly(
                        Map.entry("day", "{{ yesterday }}"),
                        Map.entry("region", "us"),
                        Map.entry("limit", 10),
                        Map.entry("dry_run", true),
                        Map.entry("batch", 4),
                        Map.entry("plain", "kept"));
    }

    @Test
    void aPipelineWithoutTypesTakesMoreNameValueLines() {
        TriggerFormModel form =
                new TriggerFormModel(List.of(new ParamDeclarationDto("limit", null, 100, List.of(), "", false)));
        form.extraProperty().set("region=north\nno equals");
        assertThat(form.validProperty().get()).isFalse();

        form.extraProperty().set("region=north");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.values()).containsExactly(Map.entry("limit", 100), Map.entry("region", "north"));
    }
}
