package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the editor sends is bounded as the CLI's files are: an alias bomb and an oversized text get their
 * diagnostics at once, text the CLI would read is not refused for its size, and the agent goes on answering.
 */
class ValidateLimitsApiTest {

    /** "Billion laughs": a few hundred bytes whose aliases expand to 9^9 strings. */
    private static final String ALIAS_BOMB = """
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

    private static final String SMALL = """
            pipelines:
              - id: small
                tasks:
                  - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
            """;

    @RegisterExtension
    final LiveAgent agent = new LiveAgent(SMALL);

    private LiveAgent.Answer validate(String text) throws Exception {
        String body = agent.json.writeValueAsString(Map.of("text", text));
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.post("/api/v1/validate", body));
    }

    @Test
    void anAliasBombIsAnsweredAtOnceWithItsDiagnosticAndNeverSaved() throws Exception {
        LiveAgent.Answer answer = validate(ALIAS_BOMB);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode checked = answer.json(agent.json);
        assertThat(checked.get("valid").asBoolean()).isFalse();
        assertThat(checked.get("diagnostics")).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.get("code").asText()).isEqualTo("YAML003");
            assertThat(diagnostic.get("line").asInt()).isEqualTo(13);
            assertThat(diagnostic.get("hint").asText()).isNotBlank();
        });

        String version = agent.get("/api/v1/pipelines/small/source")
                .json(agent.json)
                .get("version")
                .asText();
        LiveAgent.Answer save = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> agent.put(
                        "/api/v1/pipelines/small/source",
                        agent.json.writeValueAsString(Map.of("text", ALIAS_BOMB, "version", version))));
        assertThat(save.status()).as(save.body()).isEqualTo(422);
        assertThat(save.body()).contains("YAML003");
        assertThat(agent.get("/pipelines").status()).isEqualTo(200);
    }

    @Test
    void textOfTwoMegabytesIsReadAsTheCliReadsIt() throws Exception {
        String text = "# notes\n".repeat(256 * 1024) + SMALL;

        LiveAgent.Answer answer = validate(text);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json(agent.json).get("valid").asBoolean()).isTrue();
    }

    @Test
    void textOverTheFileLimitGetsTheLoadersDiagnosticAndABodyFarOverItA413() throws Exception {
        String over = "# notes\n".repeat(5 * 1024 * 128 + 1024) + SMALL; // 5 MB and a little

        LiveAgent.Answer answer = validate(over);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json(agent.json).get("diagnostics")).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.get("code").asText()).isEqualTo("FILE006");
            assertThat(diagnostic.get("message").asText()).contains("at most 5 MB");
        });

        LiveAgent.Answer huge = validate("x".repeat(50 * 1024 * 1024));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json(agent.json).get("message").asText())
                .contains("/api/v1/validate")
                .contains("KB");
        assertThat(agent.get("/pipelines").status()).isEqualTo(200);
    }
}
