package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials written literally are a warning that says where and how to move them, never what they are. */
class SecretCheckTest {

    @TempDir
    Path dir;

    private List<Diagnostic> diagnostics(String yaml, Map<String, String> environment) throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, yaml);
        return Fixtures.reader(environment).read(file).diagnostics();
    }

    @Test
    void aLiteralTokenIsAWarningWithItsPlaceAndTheFixButNotItsValue() throws IOException {
        List<Diagnostic> found = diagnostics("""
                pipelines:
                  - id: shop
                    tasks:
                      - id: fetch
                        connector: http_api
                        connector_config: { base_url: "http://shop.example", access_token: "s3cr3t-v4lue-123" }
                        action: fetch
                        action_kwargs: { endpoint: /orders }
                """, Map.of());

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("SEC001");
            assertThat(diagnostic.isError()).isFalse();
            assertThat(diagnostic.line()).isEqualTo(6);
            assertThat(diagnostic.column()).isGreaterThan(50);
            assertThat(diagnostic.message()).contains("access_token").doesNotContain("s3cr3t-v4lue-123");
            assertThat(diagnostic.hint())
                    .contains(".env")
                    .contains("${SHOP_ACCESS_TOKEN}")
                    .doesNotContain("s3cr3t-v4lue-123");
        });
    }

    @Test
    void referencesTemplatesAndPathsToACredentialAreFine() throws IOException {
        List<Diagnostic> found = diagnostics("""
                pipelines:
                  - id: shop
                    params: { api_key: "{{ yesterday }}" }
                    tasks:
                      - id: fetch
                        connector: postgres
                        connector_config:
                          dsn: "postgresql://shop:${SHOP_DB_PASSWORD}@db/shop"
                          password: "${SHOP_DB_PASSWORD}"
                          password_file: /run/secrets/db
                        action: fetch
                        action_kwargs: { query: "select 1" }
                """, Map.of("SHOP_DB_PASSWORD", "hunter22-from-env"));

        assertThat(found).isEmpty();
    }

    @Test
    void aDsnWithItsPasswordWrittenInIsAWarning() throws IOException {
        List<Diagnostic> found = diagnostics("""
                pipelines:
                  - id: shop
                    tasks:
                      - id: fetch
                        connector: postgres
                        connector_config: { dsn: "postgresql://shop:hunter22@db:5432/shop" }
                        action: fetch
                        action_kwargs: { query: "select 1" }
                """, Map.of());

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("SEC001");
            assertThat(diagnostic.message()).contains("password").doesNotContain("hunter22");
            assertThat(diagnostic.hint()).contains("${SHOP_DSN}");
        });
    }
}
