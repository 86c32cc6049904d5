package dev.autonomy.creator.codegen;

/**
 * The source of {@code AgentSupport}, the runtime helpers generated with every agent. It is kept as text because
 * it is compiled with the agent, in the agent's package, under the same allow-list as the agent's own code.
 * Backslashes are doubled here (text block); the class reads as ordinary Java once generated.
 */
final class SupportSource {

    /** Replaced by the agent's package name. */
    static final String PACKAGE_TOKEN = "__PACKAGE__";

    static final String TEXT = """
package __PACKAGE__;

import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.foundation.api.value.JsonValues;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generated with every agent: the runtime of its steps (JSON Pointers, templates, conditions, regexes, tool calls;
 * JSON text comes from the foundation API's JsonText). It uses only java.lang basics, java.util, java.math and the foundation API, keeps no static
 * state, and builds strings with StringBuilder rather than '+' so that the bytecode needs no invokedynamic.
 */
final class AgentSupport {

    /**
     * A step failed: a tool returned an error, a value was missing, a value had the wrong type. The innermost step
     * that failed names itself ({@link #failed}); a fallback step catches it, otherwise the call fails with it.
     */
    /**
     * The text a regular expression reads. Its methods are woven like all agent code, so a pattern that backtracks
     * for ever still reaches the time guard on every character it reads.
     */
    static final class Chars implements CharSequence {
        private final String text;

        Chars(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Chars(text.substring(start, end));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String step;

        StepFailure(String step, String message) {
            super(message, null, false, false);
            this.step = step;
        }

        /** The id of the step that failed, or null while no step has claimed the failure yet. */
        String step() {
            return step;
        }
    }

    private AgentSupport() {
    }

    // ---------------------------------------------------------------- building values

    /** An unmodifiable JSON object from alternating keys and values (no 10-entry limit, nulls allowed). */
    static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("obj needs keys and values in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("JSON object keys must be strings");
            }
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** An unmodifiable JSON array (nulls allowed). */
    static List<Object> arr(Object... items) {
        List<Object> list = new ArrayList<>(items.length);
        for (Object item : items) {
            list.add(item);
        }
        return Collections.unmodifiableList(list);
    }

    /** Concatenates the text of each part (strings as they are, others with String.valueOf). */
    static String str(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            sb.append(part);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- state

    /** The state of one call: {"input": input}; each step's value is put under its id. */
    static Map<String, Object> state(Map<String, Object> input) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("input", input);
        return state;
    }

    /** A nested scope (branch, try, map): sees the outer state; what it adds stays inside. */
    static Map<String, Object> scope(Map<String, Object> outer) {
        return new LinkedHashMap<>(outer);
    }

    /** The result of a capability: a JSON object, or {"result": value} for anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> output(Object value) {
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("result", value);
        return wrapped;
    }

    /** The failure to throw from step {@code step}: the innermost failing step keeps its name. */
    static StepFailure failed(String step, RuntimeException e) {
        if (e instanceof StepFailure && ((StepFailure) e).step() != null) {
            return (StepFailure) e;
        }
        return new StepFailure(step, str("step '", step, "' failed: ", reason(e)));
    }

    /** A readable reason for an exception: its message, else its description. */
    static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.toString() : m;
    }

    private static StepFailure fail(Object... parts) {
        return new StepFailure(null, str(parts));
    }

    // ---------------------------------------------------------------- JSON Pointer (RFC 6901)

    /** The value at {@code pointer} in {@code root}; a missing value fails the step. */
    static Object get(Object root, String pointer) {
        Object[] found = lookup(root, pointer);
        if (found == null) {
            throw fail("no value at ", pointer);
        }
        return found[0];
    }

    /** Whether a value (JSON null included) exists at {@code pointer} in {@code root}. */
    static boolean has(Object root, String pointer) {
        return lookup(root, pointer) != null;
    }

    /** The array at {@code pointer}, for a map step. */
    static List<?> list(Object root, String pointer) {
        Object v = get(root, pointer);
        if (!(v instanceof List)) {
            throw fail("the value at ", pointer, " is not an array: ", toJson(v));
        }
        return (List<?>) v;
    }

    /** A one-element array holding the value found, or null when there is none (JSON null is a value). */
    private static Object[] lookup(Object root, String pointer) {
        if (pointer.isEmpty()) {
            return new Object[] {root};
        }
        if (pointer.charAt(0) != '/') {
            throw fail("not a JSON Pointer: ", pointer);
        }
        Object current = root;
        int start = 1;
        while (true) {
            int end = pointer.indexOf('/', start);
            String token = unescape(pointer.substring(start, end < 0 ? pointer.length() : end));
            if (current instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) current;
                if (!map.containsKey(token)) {
                    return null;
                }
                current = map.get(token);
            } else if (current instanceof List) {
                List<?> list = (List<?>) current;
                int index = index(token);
                if (index < 0 || index >= list.size()) {
                    return null;
                }
                current = list.get(index);
            } else {
                return null;
            }
            if (end < 0) {
                return new Object[] {current};
            }
            start = end + 1;
        }
    }

    private static String unescape(String token) {
        return token.indexOf('~') < 0 ? token : token.replace("~1", "/").replace("~0", "~");
    }

    /** An array index: digits without a leading zero; -1 for anything else. */
    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    // ---------------------------------------------------------------- templates

    /**
     * Renders a template: a string that is exactly "${/pointer}" becomes the value there; other strings get each
     * placeholder replaced by the value's text ("$${" is a literal "${"); objects and arrays render their values.
     */
    static Object render(Object template, Map<String, Object> state) {
        if (template instanceof String) {
            return renderString((String) template, state);
        }
        if (template instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) template).entrySet()) {
                out.put((String) e.getKey(), render(e.getValue(), state));
            }
            return out;
        }
        if (template instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) template) {
                out.add(render(item, state));
            }
            return out;
        }
        return template;
    }

    private static Object renderString(String s, Map<String, Object> state) {
        if (s.startsWith("${") && s.indexOf('}') == s.length() - 1) {
            return get(state, s.substring(2, s.length() - 1));
        }
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("$${", i)) {
                sb.append("${");
                i += 3;
            } else if (s.startsWith("${", i)) {
                int end = s.indexOf('}', i + 2);
                if (end < 0) {
                    throw fail("unterminated ${ in template ", s);
                }
                sb.append(text(get(state, s.substring(i + 2, end))));
                i = end + 1;
            } else {
                sb.append(s.charAt(i));
                i++;
            }
        }
        return sb.toString();
    }

    /** The text of a value in a template: strings as they are, anything else as JSON. */
    static String text(Object value) {
        return value instanceof String ? (String) value : toJson(value);
    }

    // ---------------------------------------------------------------- tools

    /**
     * Calls {@code tool}; its value is the structured result, else {"text": its text}. An error result fails the
     * step.
     */
    @SuppressWarnings("unchecked")
    static Object call(ToolInvoker tools, ToolCall parent, String tool, Object args) {
        if (!(args instanceof Map)) {
            throw fail("the arguments of ", tool, " must be a JSON object, were ", toJson(args));
        }
        Map<String, ?> arguments = (Map<String, ?>) args;
        ToolResult r = parent == null ? tools.invoke(tool, arguments) : tools.invoke(tool, arguments, parent);
        if (r == null) {
            throw fail(tool, " returned no result");
        }
        if (r.isError()) {
            throw fail(tool, " returned an error: ", r.text());
        }
        if (r.structuredContent().isPresent()) {
            return r.structuredContent().get();
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", r.text());
        return value;
    }

    /** Performs {@code capability} through agent_route. */
    static Object route(ToolInvoker tools, ToolCall parent, String capability, Object input) {
        if (!(input instanceof Map)) {
            throw fail("the input of ", capability, " must be a JSON object, was ", toJson(input));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("capability", capability);
        args.put("input", input);
        return call(tools, parent, "agent_route", args);
    }

    // ---------------------------------------------------------------- regexes

    /** Every match of {@code pattern} in the text of {@code from} replaced (Java replacement syntax). */
    static String regexReplace(Object from, String pattern, String replace) {
        return Pattern.compile(pattern).matcher(new Chars(text(from))).replaceAll(replace);
    }

    /** Every match of {@code pattern} in the text of {@code from}: group {@code group} of each (null if unset). */
    static List<Object> regexFind(Object from, String pattern, int group) {
        Matcher m = Pattern.compile(pattern).matcher(new Chars(text(from)));
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }

    // ---------------------------------------------------------------- conditions

    /**
     * Tests the value at {@code pointer}: equals, notEquals, matches, exists, gt, lt or contains. A missing value
     * satisfies only notEquals and exists: false.
     */
    static boolean test(Object root, String pointer, String kind, Object operand) {
        Object[] found = lookup(root, pointer);
        if ("exists".equals(kind)) {
            return (found != null) == Boolean.TRUE.equals(operand);
        }
        if (found == null) {
            return "notEquals".equals(kind);
        }
        Object value = found[0];
        if ("equals".equals(kind)) {
            return jsonEquals(value, operand);
        }
        if ("notEquals".equals(kind)) {
            return !jsonEquals(value, operand);
        }
        if ("matches".equals(kind)) {
            return value instanceof String && operand instanceof String
                    && Pattern.compile((String) operand).matcher(new Chars((String) value)).find();
        }
        if ("gt".equals(kind) || "lt".equals(kind)) {
            if (!(value instanceof Number) || !(operand instanceof Number)) {
                return false;
            }
            int c = JsonValues.compareNumbers((Number) value, (Number) operand);
            return "gt".equals(kind) ? c > 0 : c < 0;
        }
        if ("contains".equals(kind)) {
            if (value instanceof String) {
                return operand instanceof String && ((String) value).contains((String) operand);
            }
            if (value instanceof List) {
                for (Object item : (List<?>) value) {
                    if (jsonEquals(item, operand)) {
                        return true;
                    }
                }
            }
            return false;
        }
        throw new IllegalArgumentException(str("unknown condition ", kind));
    }

    /** JSON equality: numbers by value (2 == 2.0), objects by entries, arrays element by element. */
    static boolean jsonEquals(Object a, Object b) {
        return JsonValues.jsonEquals(a, b);
    }

    // ---------------------------------------------------------------- JSON text

    /** Compact JSON text of a value; anything that is not a JSON value is written as its text. */
    static String toJson(Object value) {
        try {
            return JsonText.write(value);
        } catch (IllegalArgumentException notJson) {
            return JsonText.quote(String.valueOf(value));
        }
    }
}
""";

    private SupportSource() {
    }
}
