package dev.orchestrator.secret;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    @Test
    void masksEverySecretWhereverItAppears() {
        SecretMasker masker = SecretMasker.of(List.of("hunter22", "postgres://u:pw@db/x"));

        assertThat(masker.mask("login hunter22 failed; dsn postgres://u:pw@db/x; again hunter22"))
                .isEqualTo("login *** failed; dsn ***; again ***");
    }

    @Test
    void masksTheLongerSecretWholeWhenOneContainsAnother() {
        SecretMasker masker = SecretMasker.of(List.of("abcd", "abcdefgh"));

        assertThat(masker.mask("x abcdefgh y")).isEqualTo("x *** y");
    }

    @Test
    void leavesValuesTooShortToBeSecretsAndNullsAlone() {
        SecretMasker masker = SecretMasker.of(List.of("3", "eu", ""));

        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask("retry 3 in eu")).isEqualTo("retry 3 in eu");
        assertThat(masker.mask(null)).isNull();
    }
}
