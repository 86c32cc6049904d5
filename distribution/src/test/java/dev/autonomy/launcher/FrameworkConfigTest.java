package dev.autonomy.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameworkConfigTest {

    @TempDir
    Path dir;

    private Map<String, String> load(String text) throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, text);
        return FrameworkConfig.load(file, Map.of("autonomy.home", "/home/a", "autonomy.data", "/data"));
    }

    @Test
    void expandsHomeDataAndOtherKeys() throws IOException {
        Map<String, String> p = load("cache=${autonomy.data}/cache\n"
                + "dirs=${autonomy.home}/deploy,${autonomy.home}/etc\n"
                + "base=${autonomy.data}/x\nnested=${base}/y\n");
        assertThat(p).containsEntry("cache", "/data/cache")
                .containsEntry("dirs", "/home/a/deploy,/home/a/etc")
                .containsEntry("nested", "/data/x/y")
                .containsEntry("autonomy.home", "/home/a");
    }

    @Test
    void leavesConfigAdminInterpolationAlone() throws IOException {
        assertThat(load("token=$[env:TOKEN;default=]\n")).containsEntry("token", "$[env:TOKEN;default=]");
    }

    @Test
    void unknownNameIsAnError() {
        assertThatThrownBy(() -> load("x=${nope}/y\n")).hasMessageContaining("unknown ${nope} in x");
    }

    @Test
    void selfReferenceIsAnError() {
        assertThatThrownBy(() -> load("x=${x}\n")).hasMessageContaining("refers to itself");
    }
}
