package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orchestrator pools}: the shared pools, their slots taken, who holds them and who waits for them. */
@Command(
        name = "pools",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the shared pools (declared under 'pools:' in the pipeline files) with their size and slots taken, "
                    + "then each task holding slots and each task waiting for them, the next to get them first, on "
                    + "every agent sharing the database.",
            AgentConnection.EXIT_CODES
        })
public final class PoolsCommand implements Callable<Integer> {

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Override
    public Integer call() {
        return output.printAnswer(connection, agent -> agent.get(ApiPath.of("/api/v1/pools")), this::printText);
    }

    /** The pools, then the slots held and waited for, as tables for people. */
    private void printText(PrintWriter out, JsonNode pools) {
        if (pools.isEmpty()) {
            out.println(
                    "no pools: declare them at the top level of a pipeline file, such as 'pools: { warehouse: 4 }'");
        } else {
            Table summary = new Table("POOL", "SIZE", "TAKEN", "WAITING");
            for (JsonNode pool : pools) {
                summary.row(
                        pool.path("name").asText(),
                        pool.path("size").isNumber() ? pool.path("size").asText() : "undeclared",
                        pool.path("taken").asText(),
                        String.valueOf(pool.path("waiting").size()));
            }
            summary.print(out);
            Table slots = new Table("POOL", "STATE", "RUN", "TASK", "AGENT", "SLOTS", "SINCE");
            boolean any = false;
            ZoneId zone = ZoneId.systemDefault();
            for (JsonNode pool : pools) {
                for (String list : new String[] {"holders", "waiting"}) {
                    for (JsonNode entry : pool.path(list)) {
                        any = true;
                        slots.row(
                                pool.path("name").asText(),
                                list.equals("holders") ? "holds" : "waits",
                                entry.path("run_id").asText(),
                                entry.path("task_id").asText(),
                                entry.path("agent_id").asText(),
                                entry.path("slots").asText(),
                                HumanReadable.time(entry.path("since"), zone));
                    }
                }
            }
            if (any) {
                out.println();
                slots.print(out);
            }
        }
    }
}
