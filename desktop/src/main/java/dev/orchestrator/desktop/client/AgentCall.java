package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One request to an agent and what its answer means: the JSON of a success, or an {@link AgentException} that says
 * whether the agent refused the token, refused the request (its message) or did not answer. Thread-safe.
 */
final class AgentCall {

    private final AgentProfile profile;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final AgentAnswers answers;

    AgentCall(AgentProfile profile, OkHttpClient http, ObjectMapper json, AgentAnswers answers) {
        this.profile = profile;
        this.http = http;
        this.json = json;
        this.answers = answers;
    }

    JsonNode send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (response.isSuccessful()) {
                return text.isEmpty() ? json.createObjectNode() : json.readTree(text);
            }
            String message = answers.errorMessage(text, response.code());
            if (response.code() == 401) {
                throw new AgentException(
                        AgentException.Kind.UNAUTHORIZED,
                        401,
                        profile.name()
                                + " refused the token; edit the agent and paste the output of `orchestrator token` on its "
                                + "machine",
                        null);
            }
            throw new AgentException(AgentException.Kind.REFUSED, response.code(), message, null);
        } catch (IOException e) {
            throw new AgentException(
                    AgentException.Kind.UNREACHABLE,
                    0,
                    profile.name() + " (" + profile.url()
                            + ") does not answer: " + e.getMessage() + ". Is it running? Start it with "
                            + "`orchestrator run --config pipelines`.",
                    e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // OkHttp (Kotlin) throws InterruptedException from its connect without declaring it: the thread was
            // interrupted (a session closing stops its refresh this way). Keep the interrupt, fail as our own.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AgentException(
                    AgentException.Kind.UNREACHABLE,
                    0,
                    profile.name() + " (" + profile.url() + "): the request was interrupted",
                    e);
        }
    }
}
