package dev.orchestrator.agent.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One endpoint: a method, a path template such as {@code /api/v1/runs/{run_id}}, and what answers it. */
public record Route(String method, String template, Handler handler, boolean public_) {

    /** Answers a request with the object to send back as JSON (null for an empty 204). */
    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request);
    }

    public static Route get(String template, Handler handler) {
        return new Route("GET", template, handler, false);
    }

    public static Route post(String template, Handler handler) {
        return new Route("POST", template, handler, false);
    }

    /** Reachable without a token: only {@code /health}. */
    public static Route open(String method, String template, Handler handler) {
        return new Route(method, template, handler, true);
    }

    /** The path parameters when {@code path} fits this template. */
    Optional<Map<String, String>> match(String path) {
        List<String> names = new ArrayList<>();
        Matcher placeholders = Pattern.compile("\\{([a-z_]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (placeholders.find()) {
            regex.append(Pattern.quote(template.substring(last, placeholders.start()))).append("([^/]+)");
            names.add(placeholders.group(1));
            last = placeholders.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        Matcher matcher = Pattern.compile(regex.toString()).matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), matcher.group(i + 1)); // the server hands over the path decoded
        }
        return Optional.of(parameters);
    }
}
