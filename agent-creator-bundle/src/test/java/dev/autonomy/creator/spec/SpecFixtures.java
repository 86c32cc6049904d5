package dev.autonomy.creator.spec;

import java.util.Map;

/** Specs shared by the spec and codegen tests. Regexes use [0-9] rather than \d to keep the Java text readable. */
public final class SpecFixtures {

    /** A spec with every step kind, one capability per kind, and hand-computed tests. */
    public static final String DEMO = """
            {
              "id": "demo",
              "description": "Exercises every step kind.",
              "tools": ["text_reverse", "agent_route", "plain_text"],
              "capabilities": [
                {"name": "demo.template", "description": "Greets",
                 "inputSchema": {"type": "object", "required": ["name", "n"]},
                 "steps": [{"id": "t", "template": "Hello ${/input/name}!"}],
                 "output": {"greeting": "${/t}", "n": "${/input/n}", "raw": "${/input}", "literal": "$${/t}",
                            "mixed": "n=${/input/n};in=${/input}"}},
                {"name": "demo.pointer", "inputSchema": {"type": "object"},
                 "steps": [{"id": "p", "pointer": "/input/items/1"}]},
                {"name": "demo.regex", "inputSchema": {"type": "object"},
                 "steps": [
                   {"id": "x", "regex": {"from": "${/input/text}", "pattern": "[0-9]+", "replace": "#"}},
                   {"id": "y", "regex": {"from": "${/input/text}", "pattern": "([a-z])([0-9])", "group": 2}},
                   {"id": "z", "regex": {"from": "${/input/text}", "pattern": "[a-z][0-9]+"}},
                   {"id": "s", "regex": {"from": "${/input/text}", "pattern": "([a-z])([0-9]+)", "replace": "$2$1"}}
                 ],
                 "output": {"replaced": "${/x}", "digits": "${/y}", "pairs": "${/z}", "swapped": "${/s}"}},
                {"name": "demo.branch", "inputSchema": {"type": "object"},
                 "steps": [{"id": "b", "if": {"pointer": "/input/n", "gt": 3},
                            "then": [{"id": "big", "template": "big ${/input/n}"}],
                            "else": [{"id": "small", "template": "small"}]}],
                 "output": {"size": "${/b}"}},
                {"name": "demo.fallback", "inputSchema": {"type": "object"},
                 "steps": [{"id": "f",
                            "try": [{"id": "r", "call": "text_reverse", "args": {"text": "${/input/text}"}},
                                    {"id": "rt", "pointer": "/r/text"}],
                            "fallback": [{"id": "d", "template": "fallback for ${/input/text}"}]}],
                 "output": {"text": "${/f}"}},
                {"name": "demo.map", "inputSchema": {"type": "object"},
                 "steps": [{"id": "m", "map": "/input/items", "as": "word",
                            "do": [{"id": "r", "call": "text_reverse", "args": {"text": "${/word}"}},
                                   {"id": "w", "template": "${/r/text}"}]}],
                 "output": {"reversed": "${/m}"}},
                {"name": "demo.route", "inputSchema": {"type": "object"},
                 "steps": [{"id": "u", "route": "text.upper", "input": {"text": "${/input/text}"}}]},
                {"name": "demo.call", "inputSchema": {"type": "object", "required": ["text"]},
                 "steps": [{"id": "r", "call": "text_reverse", "args": "${/input}"},
                           {"id": "pt", "call": "plain_text"}],
                 "output": {"reversed": "${/r/text}", "plain": "${/pt/text}"}},
                {"name": "demo.nested", "inputSchema": {"type": "object"},
                 "steps": [{"id": "f",
                            "try": [{"id": "b", "if": {"pointer": "/input/items", "exists": true},
                                     "then": [{"id": "m", "map": "/input/items",
                                               "do": [{"id": "r", "call": "text_reverse",
                                                       "args": {"text": "${/item}"}}]}]}],
                            "fallback": [{"id": "d", "template": "failed"}]}]}
              ],
              "tests": [
                {"name": "template", "capability": "demo.template", "input": {"name": "Ann", "n": 2},
                 "expect": {"greeting": "Hello Ann!", "n": 2, "raw": {"name": "Ann", "n": 2}, "literal": "${/t}",
                            "mixed": "n=2;in={\\"name\\":\\"Ann\\",\\"n\\":2}"}},
                {"name": "pointer", "capability": "demo.pointer", "input": {"items": ["a", "b", "c"]},
                 "expect": {"result": "b"}},
                {"name": "regex", "capability": "demo.regex", "input": {"text": "a1b22c"},
                 "expect": {"replaced": "a#b#c", "digits": ["1", "2"], "pairs": ["a1", "b22"], "swapped": "1a22bc"}},
                {"name": "branch then", "capability": "demo.branch", "input": {"n": 5}, "expect": {"size": "big 5"}},
                {"name": "branch else", "capability": "demo.branch", "input": {"n": 2}, "expect": {"size": "small"}},
                {"name": "fallback unused", "capability": "demo.fallback", "input": {"text": "abc"},
                 "expect": {"text": "cba"}},
                {"name": "fallback used", "capability": "demo.fallback", "input": {"text": "boom"},
                 "expect": {"text": "fallback for boom"}},
                {"name": "map", "capability": "demo.map", "input": {"items": ["ab", "cd"]},
                 "expect": {"reversed": ["ba", "dc"]}},
                {"name": "route", "capability": "demo.route", "input": {"text": "hi"},
                 "assert": [{"pointer": "/text", "equals": "HI"}, {"pointer": "/text", "matches": "^[A-Z]+$"}]},
                {"name": "call", "capability": "demo.call", "input": {"text": "abc"},
                 "expect": {"reversed": "cba", "plain": "plain"}},
                {"name": "call fails", "capability": "demo.call", "input": {"text": "boom"}, "expectError": true},
                {"name": "nested", "capability": "demo.nested", "input": {"items": ["ab"]},
                 "expect": {"result": [{"text": "ba"}]}},
                {"name": "nested fallback", "capability": "demo.nested", "input": {"items": ["ab", "boom"]},
                 "expect": {"result": "failed"}}
              ]
            }
            """;

    private SpecFixtures() {
    }

    /** {@link #DEMO} as JSON values. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> demo() {
        return (Map<String, Object>) Json.parse(DEMO);
    }

    /** {@link #DEMO}, parsed and checked. */
    public static AgentSpec demoSpec() {
        SpecParse p = AgentSpecs.parse(demo());
        return p.spec().orElseThrow(() -> new AssertionError(p.errors()));
    }
}
