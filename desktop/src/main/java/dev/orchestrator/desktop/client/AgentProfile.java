package dev.orchestrator.desktop.client;

/**
 * How to reach one agent: a name for people, its base URL, and its API token.
 *
 * @param url such as {@code http://127.0.0.1:8765}, without a trailing slash
 */
public record AgentProfile(String name, String url, String token) {

    public AgentProfile {
        url = url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }
}
