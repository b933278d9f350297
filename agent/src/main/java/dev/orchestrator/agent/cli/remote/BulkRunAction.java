package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import java.io.Console;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code orchestrator runs FILTERS --cancel|--retry [--yes]}: one action on every run the filters select, through
 * {@code POST /api/v1/runs/bulk}. Without {@code --yes} it first lists what would be done (a dry run) and asks;
 * when nobody can answer (stdin is not a terminal) it refuses, so a script never acts on more than it meant.
 */
final class BulkRunAction {

    private final String action;
    private final Map<String, Object> filter;
    private final boolean json;

    /**
     * @param action {@code cancel} or {@code retry}
     * @param json   print the agent's answers as JSON instead of tables
     */
    BulkRunAction(String action, Map<String, Object> filter, boolean json) {
        this.action = action;
        this.filter = filter;
        this.json = json;
    }

    /** @param console where to ask; null when stdin is not a terminal */
    int run(AgentClient agent, ObjectMapper mapper, boolean yes, Console console, PrintWriter out, PrintWriter err) {
        if (!yes) {
            JsonNode plan = agent.post(ApiPath.of("/api/v1/runs/bulk"), body(true));
            print(plan, mapper, out);
            int planned = plan.path("outcomes").path("planned").asInt();
            if (planned == 0) {
                out.println("nothing to " + action);
                return ExitCodes.OK;
            }
            String question = verb() + " these " + planned + (planned == 1 ? " run" : " runs") + "?";
            if (console == null) {
                err.println(question + " Not asked: stdin is not a terminal. Add --yes to " + action + " them "
                        + "without asking.");
                return ExitCodes.USAGE;
            }
            out.flush();
            String answer = console.readLine("%s [y/N] ", question);
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("nothing done");
                return ExitCodes.OK;
            }
        }
        JsonNode done = agent.post(ApiPath.of("/api/v1/runs/bulk"), body(false));
        print(done, mapper, out);
        return done.path("outcomes").path("error").asInt() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * The console to ask on, when the command runs in a terminal; null when it does not. From Java 22 on,
     * {@code System.console()} is there even when stdin is redirected, and {@code isTerminal()} (not in Java 17,
     * which this is compiled for) tells.
     */
    @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
    static Console terminal() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console)) ? console : null;
        } catch (ReflectiveOperationException e) {
            return console; // before Java 22 there is a console only in a terminal
        }
    }

    private Map<String, Object> body(boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("filter", filter);
        body.put("dry_run", dryRun);
        return body;
    }

    private String verb() {
        return action.equals("retry") ? "Retry" : "Cancel";
    }

    private void print(JsonNode answer, ObjectMapper mapper, PrintWriter out) {
        if (json) {
            JsonOption.print(out, mapper, answer);
            return;
        }
        boolean dryRun = answer.path("dry_run").asBoolean();
        Table table = new Table("RUN", "PIPELINE", "STATUS", "OUTCOME", dryRun ? "WHY" : "WHY OR NEW RUN");
        for (JsonNode run : answer.path("runs")) {
            table.row(
                    run.path("run_id").asText(),
                    run.path("pipeline_id").asText("-"),
                    run.path("status").asText("-"),
                    run.path("outcome").asText(),
                    run.hasNonNull("new_run_id")
                            ? "retried as " + run.path("new_run_id").asText()
                            : run.path("reason").asText(""));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        StringBuilder counts = new StringBuilder();
        answer.path("outcomes")
                .properties()
                .forEach(count -> counts.append(counts.isEmpty() ? "" : ", ")
                        .append(count.getValue().asInt())
                        .append(' ')
                        .append(count.getKey()));
        out.println(answer.path("selected").asInt() + " runs selected"
                + (counts.isEmpty() ? "" : " (" + counts + ")")
                + (dryRun ? "; a dry run: nothing was done yet" : ""));
    }
}
