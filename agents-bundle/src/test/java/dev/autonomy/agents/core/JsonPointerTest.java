package dev.autonomy.agents.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of RFC 6901, section 5, and the failure cases. */
class JsonPointerTest {

    private static final Map<String, Object> DOC = Map.of(
            "foo", List.of("bar", "baz"),
            "", 0,
            "a/b", 1,
            "c%d", 2,
            "e^f", 3,
            "g|h", 4,
            "i\\j", 5,
            "k\"l", 6,
            " ", 7,
            "m~n", 8);

    private static Object found(Object doc, String pointer) {
        JsonPointer.Lookup l = JsonPointer.resolve(doc, pointer);
        assertThat(l).as(pointer).isInstanceOf(JsonPointer.Found.class);
        return ((JsonPointer.Found) l).value();
    }

    private static String missing(Object doc, String pointer) {
        JsonPointer.Lookup l = JsonPointer.resolve(doc, pointer);
        assertThat(l).as(pointer).isInstanceOf(JsonPointer.Missing.class);
        return ((JsonPointer.Missing) l).reason();
    }

    @Test
    void resolvesTheRfcExamples() {
        assertThat(found(DOC, "")).isEqualTo(DOC);
        assertThat(found(DOC, "/foo")).isEqualTo(List.of("bar", "baz"));
        assertThat(found(DOC, "/foo/0")).isEqualTo("bar");
        assertThat(found(DOC, "/")).isEqualTo(0);
        assertThat(found(DOC, "/a~1b")).isEqualTo(1);
        assertThat(found(DOC, "/c%d")).isEqualTo(2);
        assertThat(found(DOC, "/e^f")).isEqualTo(3);
        assertThat(found(DOC, "/g|h")).isEqualTo(4);
        assertThat(found(DOC, "/i\\j")).isEqualTo(5);
        assertThat(found(DOC, "/k\"l")).isEqualTo(6);
        assertThat(found(DOC, "/ ")).isEqualTo(7);
        assertThat(found(DOC, "/m~0n")).isEqualTo(8);
    }

    @Test
    void tildeOneIsUnescapedBeforeTildeZero() {
        assertThat(JsonPointer.tokens("/~01")).containsExactly("~1");
        assertThat(JsonPointer.tokens("/a/~1/~0")).containsExactly("a", "/", "~");
        assertThat(JsonPointer.tokens("")).isEmpty();
    }

    @Test
    void aJsonNullThatIsThereIsFound() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("x", null);
        assertThat(found(doc, "/x")).isNull();
    }

    @Test
    void nestedObjectsAndArrays() {
        Map<String, Object> doc = Map.of("a", Map.of("b", List.of(Map.of("c", "deep"))));
        assertThat(found(doc, "/a/b/0/c")).isEqualTo("deep");
    }

    @Test
    void aMissingFieldNamesWhereItWasLookedFor() {
        assertThat(missing(Map.of("a", Map.of()), "/a/b")).isEqualTo("no field 'b' at '/a'");
        assertThat(missing(Map.of(), "/x")).isEqualTo("no field 'x' at the root");
    }

    @Test
    void arrayIndicesAreDecimalWithoutLeadingZeros() {
        Map<String, Object> doc = Map.of("l", Arrays.asList("a", "b"));
        assertThat(missing(doc, "/l/01")).contains("not an array index");
        assertThat(missing(doc, "/l/-")).contains("not an array index");
        assertThat(missing(doc, "/l/x")).contains("not an array index");
        assertThat(missing(doc, "/l/2")).contains("past the end").contains("size 2");
        assertThat(found(doc, "/l/1")).isEqualTo("b");
    }

    @Test
    void aScalarCannotBeDescended() {
        assertThat(missing(Map.of("t", "text"), "/t/x")).isEqualTo("'/t' is string, not an object or array");
    }

    @Test
    void malformedPointersAreSyntaxErrors() {
        assertThat(JsonPointer.syntaxError("a/b")).get().asString().contains("start with '/'");
        assertThat(JsonPointer.syntaxError("/a~2")).get().asString().contains("'~'");
        assertThat(JsonPointer.syntaxError("/a~")).isPresent();
        assertThat(JsonPointer.syntaxError("/a~0~1")).isEmpty();
        assertThat(missing(DOC, "foo")).contains("start with '/'");
    }
}
