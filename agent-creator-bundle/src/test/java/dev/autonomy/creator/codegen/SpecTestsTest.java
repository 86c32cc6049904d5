package dev.autonomy.creator.codegen;

import dev.autonomy.creator.spec.Assertion;
import dev.autonomy.creator.spec.Condition.Kind;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SpecTestsTest {

    private static SpecTest expecting(String expectJson) {
        return new SpecTest("shouts", "text.shout", Map.of(), Optional.of(Json.parse(expectJson)), List.of(), false);
    }

    private static SpecTest asserting(Assertion... asserts) {
        return new SpecTest("checks", "text.shout", Map.of(), Optional.empty(), List.of(asserts), false);
    }

    private static ToolResult result(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse(json);
        return ToolResult.structured(m, json);
    }

    @Test
    void equalResultPassesWithNumbersComparedByValue() {
        assertThat(SpecTests.failure(expecting("{\"text\": \"HI!\", \"n\": 2, \"l\": [1.0, {\"x\": null}]}"),
                result("{\"l\": [1, {\"x\": null}], \"n\": 2.0, \"text\": \"HI!\"}"))).isEmpty();
    }

    @Test
    void differentValueIsNamedWithItsPointer() {
        assertThat(SpecTests.failure(expecting("{\"text\": \"HI!\"}"), result("{\"text\": \"HI\"}")))
                .contains("test 'shouts': /text expected \"HI!\" but was \"HI\"");
        assertThat(SpecTests.failure(expecting("{\"a\": {\"b\": [1, 2]}}"), result("{\"a\": {\"b\": [1, 3]}}")))
                .contains("test 'shouts': /a/b/1 expected 2 but was 3");
    }

    @Test
    void missingAndUnexpectedKeysAreReported() {
        assertThat(SpecTests.failure(expecting("{\"text\": \"x\", \"n\": 1}"), result("{\"text\": \"x\"}")))
                .contains("test 'shouts': /n expected 1 but was missing");
        assertThat(SpecTests.failure(expecting("{\"text\": \"x\"}"), result("{\"text\": \"x\", \"n\": 1}")))
                .contains("test 'shouts': /n was not expected but was 1");
    }

    @Test
    void listLengthsAreCompared() {
        assertThat(SpecTests.failure(expecting("{\"l\": [1, 2]}"), result("{\"l\": [1, 2, 3]}")))
                .contains("test 'shouts': /l expected 2 element(s) but was 3: [1,2,3]");
    }

    @Test
    void typesMustMatch() {
        assertThat(SpecTests.failure(expecting("{\"n\": 2}"), result("{\"n\": \"2\"}")))
                .contains("test 'shouts': /n expected 2 but was \"2\"");
    }

    @Test
    void textResultsAreCheckedAsTextObjects() {
        assertThat(SpecTests.failure(expecting("{\"text\": \"plain\"}"), ToolResult.text("plain"))).isEmpty();
    }

    @Test
    void assertionsPassOrSayWhatWasExpected() {
        ToolResult r = result("{\"text\": \"HI!\", \"n\": 2, \"tags\": [\"a\", \"b\"]}");

        assertThat(SpecTests.failure(asserting(
                new Assertion("/text", Kind.MATCHES, "^[A-Z!]+$"),
                new Assertion("/n", Kind.EQUALS, 2.0),
                new Assertion("/n", Kind.NOT_EQUALS, 3),
                new Assertion("/n", Kind.GT, 1),
                new Assertion("/n", Kind.LT, 2.5),
                new Assertion("/tags", Kind.CONTAINS, "b"),
                new Assertion("/text", Kind.CONTAINS, "I!"),
                new Assertion("/n", Kind.EXISTS, true),
                new Assertion("/zzz", Kind.EXISTS, false)), r)).isEmpty();

        assertThat(SpecTests.failure(asserting(new Assertion("/text", Kind.MATCHES, "^[a-z]+$")), r))
                .contains("test 'checks': /text expected to match \"^[a-z]+$\" but was \"HI!\"");
        assertThat(SpecTests.failure(asserting(new Assertion("/n", Kind.EQUALS, 3)), r))
                .contains("test 'checks': /n expected 3 but was 2");
        assertThat(SpecTests.failure(asserting(new Assertion("/n", Kind.NOT_EQUALS, 2)), r))
                .contains("test 'checks': /n expected not 2 but was 2");
        assertThat(SpecTests.failure(asserting(new Assertion("/n", Kind.GT, 2)), r))
                .contains("test 'checks': /n expected > 2 but was 2");
        assertThat(SpecTests.failure(asserting(new Assertion("/n", Kind.LT, 2)), r))
                .contains("test 'checks': /n expected < 2 but was 2");
        assertThat(SpecTests.failure(asserting(new Assertion("/tags", Kind.CONTAINS, "c")), r))
                .contains("test 'checks': /tags expected to contain \"c\" but was [\"a\",\"b\"]");
        assertThat(SpecTests.failure(asserting(new Assertion("/m", Kind.EXISTS, true)), r))
                .contains("test 'checks': /m expected to exist but was missing");
        assertThat(SpecTests.failure(asserting(new Assertion("/n", Kind.EXISTS, false)), r))
                .contains("test 'checks': /n expected to be missing but was 2");
        assertThat(SpecTests.failure(asserting(new Assertion("/m", Kind.EQUALS, 1)), r))
                .contains("test 'checks': /m expected 1 but was missing");
    }

    @Test
    void theFirstFailingAssertionIsReported() {
        assertThat(SpecTests.failure(asserting(new Assertion("/n", Kind.EQUALS, 2),
                new Assertion("/n", Kind.GT, 5), new Assertion("/n", Kind.LT, 0)), result("{\"n\": 2}")))
                .contains("test 'checks': /n expected > 5 but was 2");
    }

    @Test
    void expectErrorPassesOnlyOnAnErrorResult() {
        SpecTest t = new SpecTest("fails", "text.shout", Map.of(), Optional.empty(), List.of(), true);

        assertThat(SpecTests.failure(t, ToolResult.error("step 'r' failed: boom"))).isEmpty();
        assertThat(SpecTests.failure(t, result("{\"text\": \"ok\"}")))
                .contains("test 'fails': expected an error but the call succeeded with {\"text\":\"ok\"}");
    }

    @Test
    void anUnexpectedErrorIsReportedWithItsMessage() {
        assertThat(SpecTests.failure(expecting("{\"text\": \"HI!\"}"), ToolResult.error("step 'u' failed: nobody")))
                .contains("test 'shouts': the call failed: step 'u' failed: nobody");
        SpecTest justRuns = new SpecTest("runs", "text.shout", Map.of(), Optional.empty(), List.of(), false);
        assertThat(SpecTests.failure(justRuns, result("{}"))).isEmpty();
        assertThat(SpecTests.failure(justRuns, ToolResult.error("no"))).contains("test 'runs': the call failed: no");
    }
}
