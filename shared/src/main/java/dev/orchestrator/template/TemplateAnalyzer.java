package dev.orchestrator.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses template strings with Pebble, the engine that renders them at run time, and lists the variables each
 * one reads, by walking the parsed form (so branches not taken are checked too). Thread-safe.
 */
public final class TemplateAnalyzer {

    private static final int CACHE_LIMIT = 10_000;

    /** Pebble hands the parsed tree to visitors while it compiles; this is where the current call collects. */
    @SuppressWarnings("ThreadLocalUsage") // one per analyzer: each analyzer has its own Pebble engine
    private final ThreadLocal<Collector> current = new ThreadLocal<>();

    private final PebbleEngine engine;
    // pipelines repeat the same few templates across many tasks
    private final Map<String, TemplateReferences> cache = new ConcurrentHashMap<>();

    public TemplateAnalyzer() {
        NodeVisitorFactory factory = template -> new ReferenceVisitor((PebbleTemplateImpl) template, current.get());
        this.engine = new PebbleEngine.Builder()
                .strictVariables(true)
                .autoEscaping(false)
                .newLineTrimming(false)
                .cacheActive(false)
                .extension(new AbstractExtension() {
                    @Override
                    public List<NodeVisitorFactory> getNodeVisitors() {
                        return List.of(factory);
                    }
                })
                .build();
    }

    /** True when the text holds template syntax at all; plain text needs no parsing. */
    public static boolean isTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    public TemplateReferences analyze(String text) {
        if (!isTemplate(text)) {
            return TemplateReferences.none();
        }
        TemplateReferences cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        TemplateReferences references = parse(text);
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(text, references);
        return references;
    }

    private TemplateReferences parse(String text) {
        Collector collector = new Collector();
        current.set(collector);
        try {
            PebbleTemplate ignored = engine.getLiteralTemplate(text);
            Set<String> variables = new HashSet<>(collector.variables);
            variables.removeAll(collector.locals);
            // a local named outputs (set or for) shadows the variable, and its attributes are no task ids
            Set<String> outputs =
                    collector.locals.contains(TemplateVariables.OUTPUTS) ? Set.of() : Set.copyOf(collector.outputs);
            return new TemplateReferences(
                    Optional.empty(), Set.copyOf(variables), Set.copyOf(collector.params), outputs);
        } catch (PebbleException e) {
            String message = e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage();
            return new TemplateReferences(Optional.of(message), Set.of(), Set.of());
        } catch (RuntimeException e) {
            return new TemplateReferences(Optional.of(String.valueOf(e.getMessage())), Set.of(), Set.of());
        } finally {
            current.remove();
        }
    }

    private static final class Collector {
        final Set<String> variables = new HashSet<>();
        final Set<String> locals = new HashSet<>();
        final Set<String> params = new HashSet<>();
        final Set<String> outputs = new HashSet<>();
    }

    /** Walks statements with Pebble's own traversal and expressions, which it leaves alone, by hand. */
    private static final class ReferenceVisitor extends AbstractNodeVisitor {
        private final Collector collector;

        ReferenceVisitor(PebbleTemplateImpl template, Collector collector) {
            super(template);
            this.collector = collector == null ? new Collector() : collector;
        }

        @Override
        public void visit(ForNode node) {
            collector.locals.add(node.getIterationVariable());
            collector.locals.add("loop");
            super.visit(node);
        }

        @Override
        public void visit(SetNode node) {
            collector.locals.add(node.getName());
            super.visit(node);
        }

        @Override
        public void visit(Node node) {
            if (node instanceof ContextVariableExpression variable) {
                collector.variables.add(variable.getName());
            } else if (node instanceof GetAttributeExpression attribute) {
                visitAttribute(attribute);
            } else if (node instanceof BinaryExpression<?> binary) {
                accept(binary.getLeftExpression());
                accept(binary.getRightExpression());
            } else if (node instanceof UnaryExpression unary) {
                accept(unary.getChildExpression());
            } else if (node instanceof TernaryExpression ternary) {
                accept(ternary.getExpression1());
                accept(ternary.getExpression2());
                accept(ternary.getExpression3());
            } else if (node instanceof FilterInvocationExpression filter) {
                accept(filter.getArgs());
            } else if (node instanceof FunctionOrMacroInvocationExpression function) {
                accept(function.getArguments());
            } else if (node instanceof ArrayExpression array) {
                array.getValues().forEach(this::accept);
            } else if (node instanceof MapExpression map) {
                map.getEntries().forEach((key, value) -> {
                    accept(key);
                    accept(value);
                });
            }
        }

        private void visitAttribute(GetAttributeExpression attribute) {
            if (attribute.getNode() instanceof ContextVariableExpression root
                    && attribute.getAttributeNameExpression() instanceof LiteralStringExpression name) {
                if (TemplateVariables.PARAMS.equals(root.getName())) {
                    collector.params.add(name.getValue());
                } else if (TemplateVariables.OUTPUTS.equals(root.getName())) {
                    collector.outputs.add(name.getValue());
                }
            }
            accept(attribute.getNode());
            if (!(attribute.getAttributeNameExpression() instanceof LiteralStringExpression)) {
                accept(attribute.getAttributeNameExpression());
            }
            accept(attribute.getArgumentsNode());
        }

        private void accept(Node node) {
            if (node != null) {
                node.accept(this);
            }
        }
    }
}
