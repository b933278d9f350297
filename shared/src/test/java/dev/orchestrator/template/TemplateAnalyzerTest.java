package dev.orchestrator.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateAnalyzerTest {

    private final TemplateAnalyzer analyzer = new TemplateAnalyzer();

    @Test
    void plainTextIsNotATemplate() {
        assertThat(analyzer.analyze("select * from orders")).isEqualTo(TemplateReferences.none());
    }

    @Test
    void findsRootVariablesInsideFiltersConditionsAndFunctionArguments() {
        TemplateReferences references = analyzer.analyze(
                "{{ today | upper }}/{% if run_id == yesterday %}{{ now }}{% endif %}{{ foo(month_start) }}");

        assertThat(references.syntaxError()).isEmpty();
        assertThat(references.variables()).contains("today", "run_id", "yesterday", "now", "month_start");
    }

    @Test
    void findsParamsReadByDotAndBySubscript() {
        TemplateReferences references = analyzer.analyze("{{ params.region }}-{{ params['limit'] }}");

        assertThat(references.params()).containsExactlyInAnyOrder("region", "limit");
        assertThat(references.variables()).containsExactly("params");
    }

    @Test
    void variablesDefinedInsideTheTemplateAreNotReported() {
        TemplateReferences references = analyzer.analyze(
                "{% set day = today %}{% for item in params.items %}{{ item }}{{ loop.index }}{{ day }}{% endfor %}");

        assertThat(references.variables()).containsExactlyInAnyOrder("today", "params");
    }

    @Test
    void reportsAnUnknownVariableEvenInABranchNotTaken() {
        assertThat(analyzer.analyze("{% if false %}{{ tomorow }}{% endif %}").variables())
                .contains("tomorow");
    }

    @Test
    void syntaxErrorsComeBackAsMessagesNotExceptions() {
        TemplateReferences references = analyzer.analyze("{{ today ");

        assertThat(references.syntaxError()).isPresent();
        assertThat(references.syntaxError().get()).isNotBlank();
    }
}
