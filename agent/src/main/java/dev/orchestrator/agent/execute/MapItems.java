package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.MapItemStore;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.model.ForEach;
import dev.orchestrator.model.Task;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderException;
import dev.orchestrator.template.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The list a {@code for_each} task runs over, taken from its source when the task starts: the output of the task
 * named by {@code from}, the literal {@code items} (string values rendered as templates), or the {@code items}
 * template rendered (a list, or text holding a JSON list). Each element goes to the store as JSON; the engine
 * keeps none of them. Stateless.
 */
final class MapItems {

    private MapItems() {}

    /**
     * @param outputs   the outputs of the run's tasks that succeeded, by task id
     * @param variables the run's template variables
     * @throws NonRetryableException when the source is not a list, naming the task and the type it got
     */
    static List<?> resolve(
            Task task,
            Map<String, Object> outputs,
            Map<String, Object> variables,
            TemplateRenderer templates,
            ObjectMapper json) {
        ForEach forEach = task.forEach().orElseThrow();
        if (forEach.from().isPresent()) {
            String from = forEach.from().get();
            return asList(task, outputs.get(from), "the output of task '" + from + "'");
        }
        try {
            if (forEach.items().isPresent()) {
                List<Object> rendered = new ArrayList<>(forEach.items().get().size());
                for (Object value : forEach.items().get()) {
                    rendered.add(
                            value instanceof String text ? templates.renderText(text, variables, "for_each") : value);
                }
                return rendered;
            }
            String text = templates.renderText(forEach.itemsTemplate().orElseThrow(), variables, "for_each");
            return asList(task, parse(text, json), "for_each.items (rendered: " + Texts.firstLine(text) + ")");
        } catch (TemplateRenderException e) {
            throw e.inTask(task.id());
        }
    }

    private static Object parse(String text, ObjectMapper json) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static List<?> asList(Task task, Object value, String source) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new NonRetryableException("task '" + task.id() + "' runs for_each over " + source + ", which is "
                + typeOf(value) + ", not a list");
    }

    /** Writes the list's elements to the store as pending items, a thousand at a time. */
    static void insert(
            Task task, List<?> items, String runId, MapItemStore store, ObjectMapper json, SecretMasker masker) {
        List<String> batch = new ArrayList<>(Math.min(items.size(), 1_000));
        for (int i = 0; i < items.size(); i++) {
            batch.add(toJson(task, items.get(i), json, masker));
            if (batch.size() == 1_000 || i == items.size() - 1) {
                store.insertItems(runId, task.id(), i + 1 - batch.size(), batch);
                batch.clear();
            }
        }
    }

    /** An element of the list as the store keeps it: JSON, secrets masked. */
    static String toJson(Task task, Object item, ObjectMapper json, SecretMasker masker) {
        try {
            return json.writeValueAsString(masker.maskTree(json.convertValue(item, Object.class)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new NonRetryableException(
                    "task '" + task.id() + "': an item of its for_each list is not representable as JSON: " + e, e);
        }
    }

    /** An element as the store kept it. */
    static Object fromJson(String text, ObjectMapper json) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item stored as invalid JSON: " + text, e);
        }
    }

    /** The JSON type of a value, as a user reads it. */
    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object (map)";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number (" + value.getClass().getSimpleName() + ")";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
