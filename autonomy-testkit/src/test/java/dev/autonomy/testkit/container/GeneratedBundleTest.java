package dev.autonomy.testkit.container;

import dev.autonomy.testkit.CountingCapability;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedBundleTest {

    /** A class with a member class, to copy. */
    static final class Outer {
        static final class Inner {
        }
    }

    @Test
    void theJarHasTheHeadersAndTheClassesWithTheirMemberClasses() throws IOException {
        byte[] jar = GeneratedBundle.named("probe-bundle").version("2.0.0").capability("probe").toolAccess("text_*")
                .activator(Outer.class).classes(CountingCapability.class)
                .imports("org.osgi.framework", "dev.autonomy.api.governor").bytes();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Attributes a = in.getManifest().getMainAttributes();
            assertThat(a.getValue("Bundle-SymbolicName")).isEqualTo("probe-bundle");
            assertThat(a.getValue("Bundle-ManifestVersion")).isEqualTo("2");
            assertThat(a.getValue("Bundle-Version")).isEqualTo("2.0.0");
            assertThat(a.getValue("Autonomy-Capability")).isEqualTo("probe");
            assertThat(a.getValue("Autonomy-Tool-Access")).isEqualTo("text_*");
            assertThat(a.getValue("Bundle-Activator")).isEqualTo(Outer.class.getName());
            assertThat(a.getValue("Import-Package")).isEqualTo("org.osgi.framework,dev.autonomy.api.governor");
            List<String> names = new ArrayList<>();
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                names.add(e.getName());
            }
            String dir = "dev/autonomy/testkit/container/";
            assertThat(names).containsExactlyInAnyOrder(dir + "GeneratedBundleTest$Outer.class",
                    dir + "GeneratedBundleTest$Outer$Inner.class", "dev/autonomy/testkit/CountingCapability.class");
        }
    }

    @Test
    void aCapabilityBundleHasNoCodeAndNoImports() throws IOException {
        byte[] jar = GeneratedBundle.capabilityBundle("probe-cap", "decoupling").bytes();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            assertThat(in.getManifest().getMainAttributes().getValue("Autonomy-Capability")).isEqualTo("decoupling");
            assertThat(in.getManifest().getMainAttributes().getValue("Import-Package")).isNull();
            assertThat(in.getNextJarEntry()).isNull();
        }
    }
}
