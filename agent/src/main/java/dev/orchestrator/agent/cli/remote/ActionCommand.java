package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
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
        return output.printAnswer(
                connection, agent -> agent.post(path(), body()), (out, answer) -> out.println(describe(answer)));
    }
}
