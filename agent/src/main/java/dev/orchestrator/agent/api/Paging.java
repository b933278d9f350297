package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.Page;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The API's one paging style and its query parameters: {@code page} (from 1), {@code size} (1 to 500). */
final class Paging {

    static final int MAX_SIZE = 500;

    private Paging() {}

    static int page(ApiRequest request) {
        return number(request, "page", 1, 1, Integer.MAX_VALUE);
    }

    static int size(ApiRequest request) {
        return number(request, "size", 50, 1, MAX_SIZE);
    }

    static int number(ApiRequest request, String name, int fallback, int min, int max) {
        Optional<String> text = request.queryParameter(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().strip());
            if (value < min || value > max) {
                throw ApiException.badRequest(
                        "'" + name + "' must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number, got '" + text.get() + "'");
        }
    }

    /** A time query parameter: ISO 8601 with offset ({@code 2024-03-15T06:00:00+08:00}) or a date (UTC). */
    static Optional<Instant> time(ApiRequest request, String name) {
        return request.queryParameter(name).filter(text -> !text.isBlank()).map(text -> {
            try {
                return text.length() <= 10
                        ? java.time.LocalDate.parse(text)
                                .atStartOfDay(java.time.ZoneOffset.UTC)
                                .toInstant()
                        : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'" + name + "' must be a date (2024-03-15) or a time with offset "
                        + "(2024-03-15T06:00:00+08:00), got '" + text + "'");
            }
        });
    }

    /** {@code {"items": [...], "page": 1, "size": 50, "total": N}}. */
    static <T> Map<String, Object> body(Page<T> page, Function<T, ?> item) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(item).toList());
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("total", page.total());
        return body;
    }
}
