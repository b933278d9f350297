package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.api.ErrorDto;
import java.io.IOException;

/** Reads one agent's answers: JSON into the console's types, and an error answer into the message it carries. */
final class AgentAnswers {

    private final ObjectMapper json;
    private final String agentName;

    AgentAnswers(ObjectMapper json, String agentName) {
        this.json = json;
        this.agentName = agentName;
    }

    String errorMessage(String body, int status) {
        try {
            ErrorDto error = json.readValue(body, ErrorDto.class);
            if (error != null && error.message() != null) {
                return error.message();
            }
        } catch (IOException ignored) {
            // not JSON: the status says it
        }
        return agentName + " answered HTTP " + status;
    }

    <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AgentException(
                    AgentException.Kind.REFUSED,
                    200,
                    "the answer of " + agentName + " is not what this console expects (" + e.getOriginalMessage()
                            + "); are both the same version?",
                    e);
        }
    }

    <T> T read(JsonNode node, TypeReference<T> type) {
        try {
            return json.readerFor(type).readValue(node);
        } catch (IOException e) {
            throw new AgentException(
                    AgentException.Kind.REFUSED,
                    200,
                    "the answer of " + agentName + " is not what this console expects (" + e.getMessage()
                            + "); are both the same version?",
                    e);
        }
    }
}
