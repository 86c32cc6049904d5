package dev.autonomy.creator.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a missing capability {@code domain.op1.op2…} is made from what exists: op1 then op2 … of the same domain,
 * each by a tool (called directly) or an agent capability (routed), each step's input taken from the previous
 * step's output fields of the same name, or else from the request's input.
 */
public final class Composition {

    /** One link of the chain. */
    public record Link(String op, Provider provider, Map<String, String> inputFrom) {
    }

    private Composition() {
    }

    /** The chain for {@code capability}, or empty with nothing composable. Tools are preferred over agents. */
    public static Optional<List<Link>> chain(String capability, Map<String, Object> inputShape,
                                             List<Provider> providers) {
        String[] parts = capability.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        String domain = parts[0];
        List<Link> links = new ArrayList<>();
        Map<String, Object> available = Schemas.properties(shapeAsSchema(inputShape));
        String previous = "input";
        Map<String, Object> previousOut = available;
        for (int i = 1; i < parts.length; i++) {
            Optional<Provider> p = pick(domain, parts[i], providers);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> from = new LinkedHashMap<>();
            for (String required : Schemas.required(p.get().inputSchema())) {
                if (previousOut.containsKey(required)) {
                    from.put(required, "/" + previous + "/" + required);
                } else if (available.containsKey(required) || i == 1 && inputShape.isEmpty()) {
                    from.put(required, "/input/" + required);
                } else {
                    return Optional.empty();
                }
            }
            links.add(new Link(parts[i], p.get(), from));
            previous = "s" + i;
            previousOut = Schemas.properties(outputOf(p.get()));
        }
        return Optional.of(List.copyOf(links));
    }

    /** A provider's output schema; tools without one answer {@code {text}}. */
    public static Map<String, Object> outputOf(Provider p) {
        return p.outputSchema().isEmpty() ? Schemas.TEXT_OBJECT : p.outputSchema();
    }

    private static Optional<Provider> pick(String domain, String op, List<Provider> providers) {
        Provider agent = null;
        for (Provider p : providers) {
            if (p.performs(domain, op)) {
                if (Provider.TOOL.equals(p.kind())) {
                    return Optional.of(p);
                }
                agent = agent == null ? p : agent;
            }
        }
        return Optional.ofNullable(agent);
    }

    /** An input shape ({@code {field: "string"}}) as an object schema. */
    static Map<String, Object> shapeAsSchema(Map<String, Object> shape) {
        Map<String, Object> props = new LinkedHashMap<>();
        shape.forEach((k, v) -> props.put(k, Map.of("type", String.valueOf(v))));
        return Map.of("type", "object", "properties", props);
    }
}
