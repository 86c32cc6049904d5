package dev.autonomy.creator.component;

import dev.autonomy.creator.pipeline.Provider;
import dev.autonomy.foundation.api.tool.Tool;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The container's tools as building blocks of designs: every {@link Tool} service of another bundle, except
 * agents (they are providers through their capabilities) and autonomy tools (not building blocks).
 */
final class ToolProviders implements Supplier<List<Provider>> {

    private final BundleContext context;

    ToolProviders(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Provider> get() {
        List<Provider> out = new ArrayList<>();
        ServiceReference<Tool>[] refs;
        try {
            @SuppressWarnings("unchecked")
            ServiceReference<Tool>[] r = (ServiceReference<Tool>[]) context.getServiceReferences(
                    Tool.class.getName(), null);
            refs = r;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return out;
        }
        if (refs == null) {
            return out;
        }
        for (ServiceReference<Tool> ref : refs) {
            if (ref.getBundle() == null || ref.getBundle().getBundleId() == context.getBundle().getBundleId()) {
                continue;
            }
            Tool t = context.getService(ref);
            if (t == null) {
                continue;
            }
            try {
                if (t.name().startsWith("agent_") || t.name().startsWith("autonomy_")) {
                    continue;
                }
                out.add(new Provider(Provider.TOOL, t.name(), t.capabilities(), t.inputSchema(),
                        t.outputSchema().orElse(Map.of()), t.annotations().readOnlyHint()));
            } catch (RuntimeException e) {
                // a misbehaving tool is simply not a building block
            } finally {
                context.ungetService(ref);
            }
        }
        return out;
    }
}
