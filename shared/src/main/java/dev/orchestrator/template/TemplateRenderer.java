package dev.orchestrator.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the template strings inside {@code action_kwargs} and {@code connector_config} when a task starts,
 * with Pebble in strict mode: an unknown variable is an error, never an empty string. Values that are not
 * strings, and strings without template syntax, are returned as they are. Thread-safe.
 */
public final class TemplateRenderer {

    private final PebbleEngine engine = new PebbleEngine.Builder()
            .strictVariables(true)
            .autoEscaping(false)
            .newLineTrimming(false)
            .build();

    /**
     * Renders every string in {@code values}, recursively.
     *
     * @param field how messages name the map, for example {@code action_kwargs}
     * @throws TemplateRenderException naming the field path and, when that is the cause, the unknown variable
     */
    public Map<String, Object> renderAll(Map<String, Object> values, Map<String, Object> variables, String field) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        values.forEach((key, value) -> rendered.put(key, render(value, variables, field + "." + key)));
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private Object render(Object value, Map<String, Object> variables, String field) {
        if (value instanceof String text) {
            return TemplateAnalyzer.isTemplate(text) ? renderText(text, variables, field) : text;
        }
        if (value instanceof Map<?, ?> map) {
            return renderAll((Map<String, Object>) map, variables, field);
        }
        if (value instanceof List<?> list) {
            List<Object> rendered = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                rendered.add(render(list.get(i), variables, field + "[" + i + "]"));
            }
            return rendered;
        }
        return value;
    }

    public String renderText(String text, Map<String, Object> variables, String field) {
        try {
            PebbleTemplate template = engine.getLiteralTemplate(text);
            StringWriter out = new StringWriter();
            template.evaluate(out, variables);
            return out.toString();
        } catch (RootAttributeNotFoundException e) {
            throw new TemplateRenderException(
                    field,
                    "unknown variable '" + e.getAttributeName() + "'; variables: "
                            + String.join(", ", TemplateVariables.NAMES),
                    e);
        } catch (AttributeNotFoundException e) {
            throw new TemplateRenderException(
                    field, "unknown attribute '" + e.getAttributeName() + "' (" + e.getPebbleMessage() + ")", e);
        } catch (PebbleException e) {
            throw new TemplateRenderException(
                    field, e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
