package dev.orchestrator.agent.api;

import dev.orchestrator.agent.execute.AgentStoppingException;
import dev.orchestrator.agent.execute.NoSuchRunException;
import dev.orchestrator.agent.execute.NoSuchTaskException;
import dev.orchestrator.agent.execute.OutputKeptElsewhereException;
import dev.orchestrator.agent.execute.RunStillRunningException;
import dev.orchestrator.agent.execute.TaskNotAwaitingApprovalException;
import dev.orchestrator.agent.execute.TaskNotMarkableException;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.InvalidParamException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes an HTTP status: a refusal keeps its own ({@link ApiException}); a parameter
 * its pipeline's declarations refuse is a 400 naming it; a failure the
 * domain names is a 404 (no such run or task) or a 409 (a run still running, an agent stopping, an output kept by
 * another agent, a task that cannot take a mark or a decision now); the database out of reach is a 503; anything else is a programming error, logged and answered 500 with a
 * generic message. Stateless; thread-safe.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private final Supplier<SecretMasker> secrets;
    private final Function<Throwable, Optional<String>> unavailable;

    /**
     * @param unavailable for a failure, what makes the agent unable to answer (its database's disk is full):
     *                    answered 503 with that reason rather than 500
     */
    ErrorMapper(Supplier<SecretMasker> secrets, Function<Throwable, Optional<String>> unavailable) {
        this.secrets = secrets;
        this.unavailable = unavailable;
    }

    ApiException map(Request request, RuntimeException failure) {
        if (failure instanceof ApiException refusal) {
            return refusal;
        }
        if (failure instanceof InvalidParamException refused) {
            return new InvalidParamRefusal(refused);
        }
        if (failure instanceof NoSuchRunException || failure instanceof NoSuchTaskException) {
            return ApiException.notFound(failure.getMessage());
        }
        if (failure instanceof RunStillRunningException
                || failure instanceof AgentStoppingException
                || failure instanceof OutputKeptElsewhereException
                || failure instanceof TaskNotMarkableException
                || failure instanceof TaskNotAwaitingApprovalException) {
            return new ApiException(409, "conflict", failure.getMessage());
        }
        LOG.error(
                "{} {} failed: {}",
                request.getMethod(),
                request.getHttpURI().getPath(),
                secrets.get().mask(failure.toString()));
        Optional<String> reason = unavailable.apply(failure);
        if (reason.isPresent()) {
            return new ApiException(503, "unavailable", "the agent cannot use its database: " + reason.get());
        }
        return new ApiException(
                500,
                "internal_error",
                "the agent failed to answer: " + failure.getClass().getSimpleName() + "; see the agent log");
    }
}
