package dev.orchestrator.desktop.fleet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline whose file reads differently on agents that do not share a history: each different text once, with the
 * agents that hold it, the most widely held first.
 */
public record Drift(String pipelineId, List<Variant> variants) {

    public Drift {
        variants = List.copyOf(variants);
    }

    /** One text of the pipeline's file and the agents holding it. */
    public record Variant(String text, List<Holder> holders) {

        public Variant {
            holders = List.copyOf(holders);
        }

        /** The agents holding this text, as a list to read: {@code local, staging}. */
        public String agents() {
            return holders.stream().map(Holder::agent).collect(Collectors.joining(", "));
        }

        public boolean heldBy(String agent) {
            return holders.stream().anyMatch(holder -> holder.agent().equals(agent));
        }
    }

    /**
     * An agent holding a text: the file that declares the pipeline there and its version as read, which a copy
     * onto it sends back so that a change made there meanwhile is refused rather than overwritten.
     */
    public record Holder(String agent, String file, String version) {}

    /** The sides, as a list to read: {@code local, staging ≠ laptop}. */
    public String sides() {
        return variants.stream().map(Variant::agents).collect(Collectors.joining(" ≠ "));
    }

    /** Every agent holding the pipeline, whatever its text. */
    public List<Holder> holders() {
        return variants.stream().flatMap(variant -> variant.holders().stream()).toList();
    }
}
