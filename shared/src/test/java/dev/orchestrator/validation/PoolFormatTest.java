package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PoolClaim;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shared pools bind to the model; their mistakes are the fixtures' (pool00x-*.yaml). */
class PoolFormatTest {

    private final PipelineConfig config = Fixtures.read(Fixtures.resource("valid/pools.yaml"));

    @Test
    void theSizesOfAllTheFilesAreKnownByName() {
        assertThat(config.pools()).isEqualTo(Map.of("warehouse", 4, "sftp", 1, "reporting", 2));
        assertThat(config.pools().keySet()).as("in file order").containsExactly("warehouse", "sftp", "reporting");
    }

    @Test
    void aTaskTakesItsPipelinesPoolWithItsOwnSlotsOrItsOwnPool() {
        Pipeline loadOrders = config.pipeline("load_orders").orElseThrow();

        assertThat(loadOrders.pool()).contains(new PoolClaim("warehouse", 1));
        assertThat(loadOrders.task("extract").orElseThrow().pool()).contains(new PoolClaim("warehouse", 1));
        assertThat(loadOrders.task("heavy_join").orElseThrow().pool()).contains(new PoolClaim("warehouse", 3));
        assertThat(loadOrders.task("upload").orElseThrow().pool()).contains(new PoolClaim("sftp", 1));
        assertThat(config.pipeline("reports").orElseThrow().tasks().get(0).pool())
                .contains(new PoolClaim("reporting", 2));
    }

    @Test
    void aMisspeltPoolIsSuggestedTheDeclaredOne() {
        Diagnostic unknown =
                Fixtures.read(Fixtures.resource("invalid/pool001-unknown-pool.yaml")).diagnostics().stream()
                        .filter(found -> found.line() == 8)
                        .findFirst()
                        .orElseThrow();

        assertThat(unknown.code()).isEqualTo(DiagnosticCode.UNKNOWN_POOL.code());
        assertThat(unknown.message()).contains("'warehose'");
        assertThat(unknown.hint()).isEqualTo("did you mean 'warehouse'?");
        assertThat(unknown.column()).isEqualTo(11);
    }

    @Test
    void aPoolDeclaredWithTwoSizesNamesTheOtherDeclaration() {
        Diagnostic conflict = Fixtures.read(Fixtures.resource("invalid/pool003-two-sizes.yaml")).diagnostics().stream()
                .filter(found -> found.code().equals(DiagnosticCode.CONFLICTING_POOL_SIZE.code()))
                .findFirst()
                .orElseThrow();

        assertThat(conflict.file()).endsWith("pool003-other-size.yaml");
        assertThat(conflict.message()).contains("2 slots here and with 4 at").contains("pool003-two-sizes.yaml:5");
    }
}
