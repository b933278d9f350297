package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PoolClaim;
import dev.orchestrator.model.PoolDeclaration;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared pools: a pipeline or a task names a pool that some file declares (POOL001), and takes no more of its
 * slots than it has (POOL002, else it could never start); a pool declared in two places has one size (POOL003).
 * Each finding is reported where it is written: a task that inherits its pipeline's pool is not reported again.
 */
final class PoolCheck implements PipelineCheck {

    /**
     * The first declaration of each pool; a later one with a different size is reported (POOL003) where it stands.
     */
    static Map<String, PoolDeclaration> declared(List<PoolDeclaration> pools, Diagnostics diagnostics) {
        Map<String, PoolDeclaration> first = new LinkedHashMap<>();
        for (PoolDeclaration pool : pools) {
            PoolDeclaration earlier = first.putIfAbsent(pool.name(), pool);
            if (earlier != null && earlier.size() != pool.size()) {
                diagnostics.report(
                        pool.at(),
                        DiagnosticCode.CONFLICTING_POOL_SIZE,
                        "pool '" + pool.name() + "' is declared with " + pool.size() + " slots here and with "
                                + earlier.size() + " at " + earlier.at()
                                + ": the agents of a cluster share one pool of one size",
                        "give both declarations the same size, or declare the pool in one file only");
            }
        }
        return Collections.unmodifiableMap(first);
    }

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        pipeline.pool()
                .ifPresent(
                        claim -> checkClaim(claim, "", "pipeline '" + pipeline.id() + "'", source, scope, diagnostics));
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.item("tasks", i);
            Optional<PoolClaim> claim = task.pool();
            boolean ownPool = source.keys().containsKey(SourceMap.child(path, "pool"));
            boolean ownSlots = source.keys().containsKey(SourceMap.child(path, "pool_slots"));
            if (claim.isEmpty() || (!ownPool && !ownSlots)) {
                continue; // no pool, or its pipeline's, checked there
            }
            String owner = "task '" + task.id() + "'";
            if (ownPool) {
                checkClaim(claim.get(), path, owner, source, scope, diagnostics);
            } else if (scope.pools().containsKey(claim.get().pool())) {
                checkSlots(claim.get(), path, owner, source, scope, diagnostics); // its own slots, its pipeline's pool
            }
        }
    }

    private static void checkClaim(
            PoolClaim claim,
            String path,
            String owner,
            SourceMap source,
            ValidationScope scope,
            Diagnostics diagnostics) {
        if (!scope.pools().containsKey(claim.pool())) {
            String suggestion =
                    Suggestions.didYouMean(claim.pool(), scope.pools().keySet());
            diagnostics.report(
                    source.valueAt(SourceMap.child(path, "pool")),
                    DiagnosticCode.UNKNOWN_POOL,
                    owner + " takes slots of pool '" + claim.pool() + "', which no file declares"
                            + (scope.pools().isEmpty()
                                    ? ""
                                    : " (declared: "
                                            + String.join(", ", scope.pools().keySet()) + ")"),
                    suggestion != null
                            ? suggestion
                            : "declare it at the top level of a pipeline file, such as 'pools: { " + claim.pool()
                                    + ": 4 }'");
            return;
        }
        checkSlots(claim, path, owner, source, scope, diagnostics);
    }

    private static void checkSlots(
            PoolClaim claim,
            String path,
            String owner,
            SourceMap source,
            ValidationScope scope,
            Diagnostics diagnostics) {
        int size = scope.pools().get(claim.pool()).size();
        if (claim.slots() > size) {
            diagnostics.report(
                    source.valueAt(SourceMap.child(path, "pool_slots")),
                    DiagnosticCode.POOL_SLOTS_ABOVE_SIZE,
                    owner + " takes " + claim.slots() + " slots of pool '" + claim.pool() + "', which has " + size
                            + ": it could never start",
                    "take at most " + size + " slots, or make the pool larger");
        }
    }
}
