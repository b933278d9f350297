package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.orchestrator.agent.JsonMapper;

/**
 * The agent's answers as the API's records ({@code dev.orchestrator.api}), read from the JSON tree the commands
 * keep for {@code --json}: snake_case names, fields this version does not know ignored.
 */
final class ApiAnswers {

    private static final ObjectMapper API = JsonMapper.create()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ApiAnswers() {}

    /** @throws AgentRequestFailedException when the answer is not that record: not the agent's own answer */
    static <T> T read(JsonNode answer, Class<T> type) {
        try {
            // an empty answer reads as a record of nulls, as a missing field always did
            return API.treeToValue(answer == null || answer.isMissingNode() ? API.createObjectNode() : answer, type);
        } catch (JsonProcessingException e) {
            throw AgentRequestFailedException.refusedByAgent("the agent's answer is not the " + type.getSimpleName()
                    + " this orchestrator expects (" + e.getOriginalMessage() + "); are the agent and this "
                    + "command the same version?");
        }
    }
}
