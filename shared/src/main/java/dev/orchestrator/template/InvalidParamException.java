package dev.orchestrator.template;

/**
 * A run's parameter that its pipeline's typed declaration refuses: of the wrong type, outside the enum, missing
 * though required, or unknown to the pipeline. The API answers it with 400, naming {@link #param()}.
 */
public final class InvalidParamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;
    private final String expected;

    /**
     * @param expected what the parameter takes, such as {@code one of eu, us}
     * @param message  the whole message: what was wrong, with the value, and what to give instead
     */
    public InvalidParamException(String param, String expected, String message) {
        super(message);
        this.param = param;
        this.expected = expected;
    }

    public String param() {
        return param;
    }

    public String expected() {
        return expected;
    }
}
