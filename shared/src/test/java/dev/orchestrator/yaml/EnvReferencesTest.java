package dev.orchestrator.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReferencesTest {

    private final EnvReferences references =
            new EnvReferences(EnvironmentLookup.of(Map.of("TOKEN", "s3cr3t-token", "EMPTY", "")));

    @Test
    void replacesReferencesAndRemembersTheValuesAsSecrets() {
        EnvReferences.Resolution resolution = references.resolve("Bearer ${TOKEN}");

        assertThat(resolution.text()).isEqualTo("Bearer s3cr3t-token");
        assertThat(resolution.secrets()).containsExactly("s3cr3t-token");
        assertThat(resolution.problems()).isEmpty();
    }

    @Test
    void usesTheDefaultOnlyWhenTheVariableIsUnsetAndDoesNotTreatDefaultsAsSecrets() {
        EnvReferences.Resolution resolution = references.resolve("${MISSING:-public}/${EMPTY:-x}");

        assertThat(resolution.text()).isEqualTo("public/");
        assertThat(resolution.secrets()).containsExactly("");
    }

    @Test
    void reportsMissingAndMalformedReferences() {
        assertThat(references.resolve("${NOPE}").problems())
                .containsExactly(new EnvReferences.Problem(EnvReferences.Problem.Kind.MISSING, "NOPE"));
        assertThat(references.resolve("${1BAD}").problems())
                .extracting(EnvReferences.Problem::kind)
                .containsExactly(EnvReferences.Problem.Kind.MALFORMED);
        assertThat(references.resolve("${OPEN").problems())
                .extracting(EnvReferences.Problem::kind)
                .containsExactly(EnvReferences.Problem.Kind.MALFORMED);
    }

    @Test
    void aDoubledDollarKeepsAReferenceLiteral() {
        assertThat(references.resolve("cost: $${TOKEN}").text()).isEqualTo("cost: ${TOKEN}");
    }
}
