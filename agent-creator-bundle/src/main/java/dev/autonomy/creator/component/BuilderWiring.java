package dev.autonomy.creator.component;

import dev.autonomy.creator.build.AgentBuilder;
import dev.autonomy.creator.build.JavaSourceCompiler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent builder as this bundle wires it: the compiler sees foundation-api exactly as this bundle imports it,
 * and the templates come from the bundle.
 */
final class BuilderWiring {

    private static final List<String> TEMPLATES = List.of("AgentComponent.java", "Guard.java", "component.xml");

    private BuilderWiring() {
    }

    /** A builder over this bundle's view of foundation-api ({@code versions}: its import ranges). */
    static AgentBuilder builder(BundleContext context, BundleWiring wiring, Map<String, String> versions)
            throws IOException {
        JavaSourceCompiler compiler = new JavaSourceCompiler(pkg -> apiClasses(wiring, versions, pkg));
        return new AgentBuilder(compiler, wiring.getClassLoader(), versions, templates(context));
    }

    /** The foundation-api packages this bundle imports, with ranges that accept their minor updates. */
    static Map<String, String> apiImportRanges(BundleWiring wiring) {
        Map<String, String> out = new LinkedHashMap<>();
        for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            Map<String, Object> attrs = w.getCapability().getAttributes();
            String pkg = (String) attrs.get(PackageNamespace.PACKAGE_NAMESPACE);
            if (pkg.startsWith("dev.autonomy.foundation.api")) {
                Version v = (Version) attrs.getOrDefault(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE,
                        Version.emptyVersion);
                out.put(pkg, "[" + v.getMajor() + "." + v.getMinor() + "," + (v.getMajor() + 1) + ")");
            }
        }
        return out;
    }

    /** The class files of one API package, as this bundle sees them; nothing of any other package. */
    private static Map<String, URL> apiClasses(BundleWiring wiring, Map<String, String> api, String pkg) {
        if (!api.containsKey(pkg)) {
            return Map.of();
        }
        Map<String, URL> out = new LinkedHashMap<>();
        for (String name : wiring.listResources(pkg.replace('.', '/'), "*.class", 0)) {
            URL url = wiring.getClassLoader().getResource(name);
            if (url != null) {
                out.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), url);
            }
        }
        return out;
    }

    private static Map<String, String> templates(BundleContext context) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : TEMPLATES) {
            URL url = context.getBundle().getEntry("dev/autonomy/creator/template/" + t + ".tmpl");
            if (url == null) {
                throw new IOException("template " + t + " is missing from the bundle");
            }
            try (InputStream in = url.openStream()) {
                out.put(t, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
