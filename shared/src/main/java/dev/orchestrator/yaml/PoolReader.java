package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.PoolClaim;
import dev.orchestrator.model.PoolDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds the shared pools: a file's top-level {@code pools: { warehouse: 4 }}, and the {@code pool} with
 * {@code pool_slots} of a pipeline or a task. Whether a named pool exists, and is big enough, is the validator's:
 * pools are declared across all the files of an agent.
 */
final class PoolReader {

    /** The largest pool, and the most slots one task takes. */
    static final int MAX_SIZE = 100_000;

    private PoolReader() {}

    /** The entries of the file's {@code pools:} mapping, each a positive size. */
    static List<PoolDeclaration> declarations(MappingReader file, BindContext context) {
        Optional<MappingReader> found = file.mapping("pools", "the pools of " + context.file(), null);
        if (found.isEmpty()) {
            return List.of();
        }
        MappingReader pools = found.get();
        List<PoolDeclaration> declared = new ArrayList<>();
        for (String name : pools.keys()) {
            Optional<Node> value = pools.node(name);
            if (value.isEmpty()) {
                pools.reportAt(
                        name,
                        DiagnosticCode.MISSING_KEY,
                        "pool '" + name + "' of " + context.file() + " has no size",
                        "give the number of slots, such as '" + name + ": 4'");
                continue;
            }
            pools.integer(name, 1, MAX_SIZE)
                    .ifPresent(size -> declared.add(new PoolDeclaration(name.strip(), size, context.at(value.get()))));
        }
        return List.copyOf(declared);
    }

    /**
     * The claim of a pipeline or a task: its own {@code pool} (with its {@code pool_slots}, default 1), else the
     * inherited claim of its pipeline (with its own {@code pool_slots}, if it has one).
     */
    static Optional<PoolClaim> claim(MappingReader owner, Optional<PoolClaim> inherited) {
        Optional<Integer> slots = owner.integer("pool_slots", 1, MAX_SIZE);
        if (owner.has("pool")) {
            return owner.requiredString("pool", "name a pool declared under a file's 'pools:', such as 'warehouse'")
                    .map(String::strip)
                    .map(pool -> new PoolClaim(pool, slots.orElse(PoolClaim.DEFAULT_SLOTS)));
        }
        if (inherited.isPresent()) {
            return Optional.of(new PoolClaim(
                    inherited.get().pool(), slots.orElse(inherited.get().slots())));
        }
        if (owner.has("pool_slots")) {
            owner.reportAt(
                    "pool_slots",
                    DiagnosticCode.MISSING_KEY,
                    "pool_slots of " + owner.owner() + " takes slots of a pool, and it names no pool",
                    "add 'pool: <name>' beside it (or on its pipeline), or remove 'pool_slots'");
        }
        return Optional.empty();
    }
}
