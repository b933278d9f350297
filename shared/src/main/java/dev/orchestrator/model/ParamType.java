package dev.orchestrator.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The type of a declared parameter ({@code params: { day: { type: date } }}), and how a value given as text or
 * JSON becomes a value of it. What a template sees: {@code integer} a whole number, {@code number} a number,
 * {@code boolean} true or false, {@code string}, {@code date} ({@code 2026-01-31}) and {@code datetime} (ISO 8601,
 * such as {@code 2026-01-31T06:00:00Z}) text. Stateless.
 */
public enum ParamType implements YamlName {
    STRING("text"),
    INTEGER("a whole number, such as 3"),
    NUMBER("a number, such as 2.5"),
    BOOLEAN("true or false"),
    DATE("a date such as 2026-01-31"),
    DATETIME("a date and time such as 2026-01-31T06:00:00Z");

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");

    private final String expected;

    ParamType(String expected) {
        this.expected = expected;
    }

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a value of this type looks like, for messages: {@code a whole number, such as 3}. */
    public String expected() {
        return expected;
    }

    public static Optional<ParamType> fromYaml(String name) {
        return Arrays.stream(values())
                .filter(type -> type.yamlName().equals(name))
                .findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(ParamType::yamlName).toList();
    }

    /**
     * The value as this type holds it, or empty when it is not one: {@code "3"} and {@code 3} are the integer 3,
     * {@code "true"} is true, {@code "2026-1-5"} is no date. Lists, mappings and null are never a value.
     */
    public Optional<Object> convert(Object value) {
        if (value == null || value instanceof java.util.Map || value instanceof java.util.Collection) {
            return Optional.empty();
        }
        String text = String.valueOf(value).strip();
        return switch (this) {
            case STRING -> Optional.of(value instanceof String ? value : text);
            case INTEGER -> integer(value, text);
            case NUMBER -> number(value, text);
            case BOOLEAN -> bool(value, text);
            case DATE -> parses(() -> LocalDate.parse(text).toString());
            case DATETIME -> parses(() -> dateTime(text));
        };
    }

    private static Optional<Object> integer(Object value, String text) {
        if (value instanceof Boolean) {
            return Optional.empty();
        }
        if (WHOLE.matcher(text).matches()) {
            return whole(text);
        }
        if (!(value instanceof Number)) {
            return Optional.empty();
        }
        try { // 3.0 from JSON is the whole number 3
            return whole(new BigDecimal(text).toBigIntegerExact().toString());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> whole(String text) {
        try {
            long number = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            return Optional.of(number == (int) number ? (Object) (int) number : number);
        } catch (NumberFormatException e) {
            return Optional.empty(); // beyond a long
        }
    }

    private static Optional<Object> number(Object value, String text) {
        if (value instanceof Boolean) {
            return Optional.empty();
        }
        if (WHOLE.matcher(text).matches()) {
            return whole(text);
        }
        try {
            double number = Double.parseDouble(text);
            return Double.isFinite(number) && !text.endsWith("d") && !text.endsWith("f")
                    ? Optional.of(number)
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> bool(Object value, String text) {
        if (value instanceof Boolean) {
            return Optional.of(value);
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String dateTime(String text) {
        try {
            return OffsetDateTime.parse(text).toString();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).toString();
        }
    }

    private static Optional<Object> parses(java.util.function.Supplier<String> parse) {
        try {
            return Optional.of(parse.get());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
