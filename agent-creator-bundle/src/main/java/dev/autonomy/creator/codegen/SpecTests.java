package dev.autonomy.creator.codegen;

import dev.autonomy.creator.spec.Assertion;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks an agent's result against one of its spec's tests, with a message a model can act on. */
public final class SpecTests {

    private SpecTests() {
    }

    /**
     * Empty when {@code result} satisfies {@code test}; otherwise what differs, naming the test, e.g.
     * {@code test 'shouts': /text expected "HI!" but was "HI"}.
     */
    public static Optional<String> failure(SpecTest test, ToolResult result) {
        String name = "test '" + test.name() + "'";
        if (test.expectError()) {
            return result.isError() ? Optional.empty()
                    : Optional.of(name + ": expected an error but the call succeeded with " + Json.write(value(result)));
        }
        if (result.isError()) {
            return Optional.of(name + ": the call failed: " + result.text());
        }
        Object actual = value(result);
        if (test.expect().isPresent()) {
            Optional<String> d = difference("", test.expect().get(), actual);
            if (d.isPresent()) {
                return Optional.of(name + ": " + d.get());
            }
        }
        for (Assertion a : test.asserts()) {
            if (!a.test(actual)) {
                return Optional.of(name + ": " + describe(a, actual));
            }
        }
        return Optional.empty();
    }

    /** What a generated agent's caller sees: the structured result, else {@code {"text": ...}}. */
    static Object value(ToolResult result) {
        return result.structuredContent().<Object>map(m -> m).orElse(Map.of("text", result.text()));
    }

    /** The first difference between two JSON values, at its pointer; numbers compare by value. */
    static Optional<String> difference(String path, Object expected, Object actual) {
        if (expected instanceof Map && actual instanceof Map) {
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = (Map<?, ?>) actual;
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                String at = path + "/" + Json.escapeToken(String.valueOf(entry.getKey()));
                if (!a.containsKey(entry.getKey())) {
                    return Optional.of(at + " expected " + Json.write(entry.getValue()) + " but was missing");
                }
                Optional<String> d = difference(at, entry.getValue(), a.get(entry.getKey()));
                if (d.isPresent()) {
                    return d;
                }
            }
            for (Map.Entry<?, ?> entry : a.entrySet()) {
                if (!e.containsKey(entry.getKey())) {
                    String at = path + "/" + Json.escapeToken(String.valueOf(entry.getKey()));
                    return Optional.of(at + " was not expected but was " + Json.write(entry.getValue()));
                }
            }
            return Optional.empty();
        }
        if (expected instanceof List && actual instanceof List) {
            List<?> e = (List<?>) expected;
            List<?> a = (List<?>) actual;
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                Optional<String> d = difference(path + "/" + i, e.get(i), a.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            if (e.size() != a.size()) {
                return Optional.of(where(path) + " expected " + e.size() + " element(s) but was " + a.size() + ": "
                        + Json.write(a));
            }
            return Optional.empty();
        }
        if (Json.equal(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(where(path) + " expected " + Json.write(expected) + " but was " + Json.write(actual));
    }

    private static String describe(Assertion a, Object actual) {
        boolean present = Json.has(actual, a.pointer());
        String was = present ? Json.write(Json.get(actual, a.pointer())) : "missing";
        String operand = Json.write(a.operand());
        String expectation;
        switch (a.kind()) {
            case EQUALS:
                expectation = operand;
                break;
            case NOT_EQUALS:
                expectation = "not " + operand;
                break;
            case MATCHES:
                expectation = "to match " + operand;
                break;
            case EXISTS:
                expectation = Boolean.TRUE.equals(a.operand()) ? "to exist" : "to be missing";
                break;
            case GT:
                expectation = "> " + operand;
                break;
            case LT:
                expectation = "< " + operand;
                break;
            case CONTAINS:
                expectation = "to contain " + operand;
                break;
            default:
                throw new AssertionError(a.kind());
        }
        return where(a.pointer()) + " expected " + expectation + " but was " + was;
    }

    /** A pointer for messages; the empty pointer is the whole result. */
    private static String where(String pointer) {
        return pointer.isEmpty() ? "the result" : pointer;
    }
}
