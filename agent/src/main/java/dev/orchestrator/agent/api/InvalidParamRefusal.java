package dev.orchestrator.agent.api;

import dev.orchestrator.api.ParamErrorDto;
import dev.orchestrator.template.InvalidParamException;
import java.util.List;

/** A trigger's parameter that the pipeline's declarations refuse: 400, naming the parameter and what it takes. */
final class InvalidParamRefusal extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String param;
    private final String expected;

    InvalidParamRefusal(InvalidParamException failure) {
        super(400, "invalid_param", failure.getMessage());
        this.param = failure.param();
        this.expected = failure.expected();
    }

    @Override
    Object toDto() {
        return new ParamErrorDto(code(), getMessage(), List.of(), param, expected);
    }
}
