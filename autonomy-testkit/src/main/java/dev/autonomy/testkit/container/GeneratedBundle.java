package dev.autonomy.testkit.container;

import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A bundle made in memory from classes the test already has: a test executor, capability or agent gets a bundle
 * of its own, with its own {@code Autonomy-Capability} and {@code Autonomy-Tool-Access} headers, which the test can
 * stop, update or uninstall as an operator would a plugin. Classes are copied with their member classes (not
 * anonymous ones); imports are listed by the test, since nothing here reads bytecode.
 *
 * <pre>{@code
 * Bundle b = GeneratedBundle.named("probe-executor").capability("probe")
 *         .activator(ProbeActivator.class)
 *         .imports("org.osgi.framework", "dev.autonomy.api.action", "dev.autonomy.testkit")
 *         .install(context);
 * }</pre>
 */
public final class GeneratedBundle {

    private final String symbolicName;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final List<String> imports = new ArrayList<>();

    private GeneratedBundle(String symbolicName) {
        this.symbolicName = Objects.requireNonNull(symbolicName, "symbolicName");
        headers.put("Bundle-Version", "1.0.0");
    }

    public static GeneratedBundle named(String symbolicName) {
        return new GeneratedBundle(symbolicName);
    }

    /** A bundle with no code that declares a capability in its manifest, as a plugin bundle does. */
    public static GeneratedBundle capabilityBundle(String symbolicName, String capability) {
        return named(symbolicName).capability(capability);
    }

    public GeneratedBundle header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public GeneratedBundle version(String version) {
        return header("Bundle-Version", version);
    }

    /** Declares the bundle's capability ({@value AutonomousCapability#BUNDLE_HEADER}). */
    public GeneratedBundle capability(String name) {
        return header(AutonomousCapability.BUNDLE_HEADER, name);
    }

    /** The tools its code may call through {@link ToolInvoker} ({@value ToolInvoker#TOOL_ACCESS_HEADER}). */
    public GeneratedBundle toolAccess(String patterns) {
        return header(ToolInvoker.TOOL_ACCESS_HEADER, patterns);
    }

    /** Copies the class (it must have a public no-argument constructor) and makes it the bundle's activator. */
    public GeneratedBundle activator(Class<?> activator) {
        header("Bundle-Activator", activator.getName());
        return classes(activator);
    }

    /** Copies these classes and their member classes into the bundle. */
    public GeneratedBundle classes(Class<?>... types) {
        for (Class<?> t : types) {
            String path = t.getName().replace('.', '/') + ".class";
            try (InputStream in = t.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("no class file for " + t.getName());
                }
                entries.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            classes(t.getDeclaredClasses());
        }
        return this;
    }

    /** Adds a resource (a configuration file, a service description …) at {@code path}. */
    public GeneratedBundle resource(String path, byte[] content) {
        entries.put(path, content.clone());
        return this;
    }

    /** Packages the bundle imports (the packages of the classes it contains are its own, and not exported). */
    public GeneratedBundle imports(String... packages) {
        imports.addAll(List.of(packages));
        return this;
    }

    /** The jar. */
    public byte[] bytes() {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        headers.forEach(a::putValue);
        if (!imports.isEmpty()) {
            a.putValue("Import-Package", String.join(",", imports));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    /** Installs the bundle at location {@code generated:<symbolic name>}, not started. */
    public Bundle install(BundleContext context) throws BundleException {
        return context.installBundle("generated:" + symbolicName, stream());
    }

    /** Installs and starts it. */
    public Bundle start(BundleContext context) throws BundleException {
        Bundle b = install(context);
        b.start();
        return b;
    }
}
