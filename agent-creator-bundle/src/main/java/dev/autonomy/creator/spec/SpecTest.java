package dev.autonomy.creator.spec;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An example a generated agent must pass before it serves: call {@code capability} with {@code input}, then
 * compare the result with {@code expect} (JSON equality), check each assertion, or expect an error result.
 *
 * @param name        unique within the spec; failures name it
 * @param capability  the capability to call
 * @param input       its input
 * @param expect      the exact structured result, if given
 * @param asserts     conditions on the structured result; their pointers point into the result
 * @param expectError whether the call must fail (an error result)
 */
public record SpecTest(String name, String capability, Map<String, Object> input, Optional<Object> expect,
                       List<Assertion> asserts, boolean expectError) {

    public SpecTest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capability, "capability");
        input = JsonValues.immutableObject(input);
        expect = Objects.requireNonNull(expect, "expect").map(JsonValues::immutableCopy);
        asserts = List.copyOf(asserts);
    }
}
