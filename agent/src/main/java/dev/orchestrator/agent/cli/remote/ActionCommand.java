package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that asks the agent to do one thing with one POST and says what it did: pause, resume, cancel,
 * retry, mark. Each names its request and its sentence; the connection, {@code --json} and exit codes are here.
 */
abstract class ActionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AgentConnection connection;

    @Mixin
    JsonOption output;

    /** The request's path, ids already in it (see {@link ApiPath}). */
    abstract ApiPath path();

    /** The request's JSON body; null (the default) sends none. */
    Object body() {
        return null;
    }

    /** What happened, for people. */
    abstract String describe(JsonNode answer);

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(path(), body());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            out.println(describe(answer));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
