package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values typed on the command line ({@code --param}, {@code --input}, {@code --payload}): JSON when the whole text
 * is one JSON value ({@code 42}, {@code true}, {@code [1, 2]}, {@code "007"}), else the text as it is.
 */
final class JsonOrText {

    private JsonOrText() {}

    /** Each value as JSON if it parses as one whole JSON value, else as the text it is. */
    static Map<String, Object> values(Map<String, String> texts, ObjectMapper json) {
        Map<String, Object> values = new LinkedHashMap<>();
        texts.forEach((name, text) -> values.put(name, value(text, json)));
        return values;
    }

    /** One value: JSON when the whole text is one JSON value, else the text as it is. */
    static Object value(String text, ObjectMapper json) {
        if (text.isBlank()) {
            return text;
        }
        try {
            // trailing tokens fail: 2024-03-15 is text, not the number 2024 followed by noise
            JsonNode parsed = json.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(text);
            return json.treeToValue(parsed, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
