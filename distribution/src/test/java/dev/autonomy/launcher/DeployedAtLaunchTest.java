package dev.autonomy.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class DeployedAtLaunchTest {

    @Test
    void theSymbolicNameLosesItsDirectives() {
        assertThat(DeployedAtLaunch.symbolicName("text-tools-bundle")).contains("text-tools-bundle");
        assertThat(DeployedAtLaunch.symbolicName(" org.example.a ; singleton:=true")).contains("org.example.a");
        assertThat(DeployedAtLaunch.symbolicName(null)).isEmpty();
        assertThat(DeployedAtLaunch.symbolicName(" ;x=y")).isEmpty();
    }

    @Test
    void bundleJarsAreNamedOtherFilesLeftOut(@TempDir Path dir) throws IOException {
        jar(dir.resolve("a.jar"), "bundle-a;singleton:=true");
        jar(dir.resolve("plain.jar"), null);
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        assertThat(DeployedAtLaunch.symbolicNames(dir)).containsExactly("bundle-a");
    }

    @Test
    void aMissingFolderHoldsNothing(@TempDir Path dir) throws IOException {
        assertThat(DeployedAtLaunch.symbolicNames(dir.resolve("absent"))).isEmpty();
    }

    private static void jar(Path path, String bsn) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
    }
}
