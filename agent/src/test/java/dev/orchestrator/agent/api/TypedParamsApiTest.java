package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.model.RunState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 22 over real HTTP: a trigger's parameters are checked against the pipeline's typed declarations (400 naming
 * the parameter) and converted to their types before templates see them; the pipeline list shows the declarations.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TypedParamsApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
        pipelines:
          - id: typed
            params:
              day: { type: date, default: "{{ yesterday }}", description: the day to load }
              region: { type: string, enum: [eu, us], default: eu }
              limit: { type: integer, default: 10 }
              batch: { type: integer }
              plain: kept
            tasks:
              - id: show
                connector: shell
                action: run
                action_kwargs:
                  command: "echo {{ params.day }}/{{ params.region }}/{{ params.limit + params.batch }}/{{ params.plain }}"
          - id: untyped
            params: { limit: 10 }
            tasks:
              - id: show
                connector: shell
                action: run
                action_kwargs: { command: "echo {{ params.limit }}-{{ params.other }}" }
        """);

    private JsonNode refused(String body) {
        LiveAgent.Answer answer = agent.post("/trigger/typed", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = answer.json(agent.json);
        assertThat(error.path("error").asText()).isEqualTo("invalid_param");
        return error;
    }

    @Test
    void refusesAValueNotOfTheTypeNamingTheParameter() {
        JsonNode error = refused("{\"params\": {\"batch\": 1, \"limit\": \"ten\"}}");

        assertThat(error.path("param").asText()).isEqualTo("limit");
        assertThat(error.path("expected").asText()).isEqualTo("a whole number, such as 3");
        assertThat(error.path("message").asText())
                .isEqualTo("parameter 'limit' is integer, got 'ten': give a whole number, such as 3");
    }

    @Test
    void refusesAValueOutsideTheEnum() {
        JsonNode error = refused("{\"params\": {\"batch\": 1, \"region\": \"asia\"}}");

        assertThat(error.path("param").asText()).isEqualTo("region");
        assertThat(error.path("expected").asText()).isEqualTo("one of eu, us");
    }

    @Test
    void refusesAMissingRequiredParameter() {
        JsonNode error = refused("{}");

        assertThat(error.path("param").asText()).isEqualTo("batch");
        assertThat(error.path("message").asText()).contains("required");
    }

    @Test
    void refusesAnUnknownNameWithTheClosest() {
        JsonNode error = refused("{\"params\": {\"batch\": 1, \"regoin\": \"us\"}}");

        assertThat(error.path("param").asText()).isEqualTo("regoin");
        assertThat(error.path("message").asText()).contains("did you mean 'region'?");
    }

    @Test
    void refusesADateThatIsNoDate() {
        JsonNode error = refused("{\"params\": {\"batch\": 1, \"day\": \"2026-02-30\"}}");

        assertThat(error.path("param").asText()).isEqualTo("day");
    }

    @Test
    void aRefusedTriggerStartsNoRun() {
        refused("{\"params\": {\"limit\": \"ten\"}}");

        assertThat(agent.get("/api/v1/runs?pipeline=typed")
                        .json(agent.json)
                        .path("total")
                        .asInt())
                .isZero();
    }

    @Test
    void convertsTextToTheTypeBeforeTemplatesSeeIt() throws InterruptedException {
        LiveAgent.Answer answer =
                agent.post("/trigger/typed", "{\"params\": {\"limit\": \"3\", \"batch\": \"4\", \"region\": \"us\"}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String runId = answer.json(agent.json).path("run_id").asText();

        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        JsonNode run = agent.get("/api/v1/runs/" + runId).json(agent.json);
        String yesterday = LocalDate.parse(run.path("logical_time").asText().substring(0, 10))
                .minusDays(1)
                .toString();
        assertThat(run.path("params").path("limit").isInt()).isTrue();
        assertThat(run.path("params").path("limit").asInt()).isEqualTo(3);
        assertThat(run.path("params").path("day").asText()).isEqualTo(yesterday);
        assertThat(run.path("tasks").get(0).path("output").asText())
                .as("3 + 4 is 7 only when both are numbers")
                .contains(yesterday + "/us/7/kept");
    }

    @Test
    void leavesAPipelineWithoutTypesAsBefore() throws InterruptedException {
        LiveAgent.Answer answer = agent.post("/trigger/untyped", "{\"params\": {\"limit\": \"3\", \"other\": \"x\"}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String runId = answer.json(agent.json).path("run_id").asText();

        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        JsonNode run = agent.get("/api/v1/runs/" + runId).json(agent.json);
        assertThat(run.path("params").path("limit").isTextual()).isTrue();
        assertThat(run.path("tasks").get(0).path("output").asText()).contains("3-x");
    }

    @Test
    void thePipelineListShowsEveryParameterWithItsDeclaration() {
        JsonNode typed = null;
        for (JsonNode pipeline : agent.get("/pipelines").json(agent.json)) {
            if (pipeline.path("id").asText().equals("typed")) {
                typed = pipeline;
            }
        }
        assertThat(typed).isNotNull();
        List<String> shown = new ArrayList<>();
        for (JsonNode parameter : typed.path("parameters")) {
            shown.add(parameter.path("name").asText() + ":"
                    + parameter.path("type").asText("plain") + ":"
                    + parameter.path("default").asText("-") + ":" + parameter.path("enum") + ":"
                    + parameter.path("required").asBoolean());
        }
        assertThat(shown)
                .containsExactly(
                        "day:date:{{ yesterday }}:[]:false",
                        "region:string:eu:[\"eu\",\"us\"]:false",
                        "limit:integer:10:[]:false",
                        "batch:integer:-:[]:true",
                        "plain:plain:kept:[]:false");
        assertThat(typed.path("parameters").get(0).path("description").asText()).isEqualTo("the day to load");
        assertThat(agent.get("/pipeline/typed").json(agent.json).path("parameters"))
                .hasSize(5);
    }
}
