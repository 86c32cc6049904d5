package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.mcp.core.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** A call's arguments against its tool's input schema; a schema the validator cannot use refuses every call. */
final class ArgumentCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ArgumentCheck.class);

    /** (schema, arguments) to empty when valid, else what is wrong. */
    private final BiFunction<Map<String, Object>, Object, Optional<String>> validator;

    ArgumentCheck(BiFunction<Map<String, Object>, Object, Optional<String>> validator) {
        this.validator = validator;
    }

    Optional<Refusal> check(Tool tool, McpRequest request) {
        Optional<String> invalid;
        try {
            invalid = validator.apply(tool.inputSchema(), request.arguments());
        } catch (RuntimeException e) {
            LOG.error("Input schema of tool {} could not be used (ref {})", request.toolName(), request.requestId(),
                    e);
            invalid = Optional.of("the tool's input schema is invalid (ref " + request.requestId() + ")");
        }
        return invalid.map(problem -> Refusal.invalidArguments(request.toolName(), problem));
    }
}
