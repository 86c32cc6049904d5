package dev.autonomy.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JarDigestsTest {

    @TempDir
    Path dir;

    @Test
    void aReplacedJarWithAnOlderTimeCountsAsChangedByItsContent() throws Exception {
        Path jar = dir.resolve("a.jar");
        Files.writeString(jar, "version 2");
        String v2 = JarDigests.sha256(jar);
        Optional<String> recorded = Optional.of(JarDigests.entry(9, 5_000, v2));
        // version 1 put back, with a time older than the install (bundle last modified at 6,000)
        Files.writeString(jar, "version 1");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
        assertThat(JarDigests.sameFile(recorded, Files.size(jar), 1_000)).isFalse();
        assertThat(JarDigests.changed(recorded, JarDigests.sha256(jar), 1_000, 6_000)).isTrue();
    }

    @Test
    void theSameContentTouchedLaterIsNotInstalledAgain() throws Exception {
        Path jar = dir.resolve("a.jar");
        Files.writeString(jar, "same");
        String sha = JarDigests.sha256(jar);
        Optional<String> recorded = Optional.of(JarDigests.entry(4, 1_000, sha));
        assertThat(JarDigests.sameFile(recorded, 4, 1_000)).isTrue();
        assertThat(JarDigests.sameFile(recorded, 4, 9_000)).isFalse(); // touched: read again …
        assertThat(JarDigests.changed(recorded, sha, 9_000, 2_000)).isFalse(); // … but the content is the same
    }

    @Test
    void withoutARecordTheModificationTimesDecideAsBefore() {
        assertThat(JarDigests.changed(Optional.empty(), "x", 2_000, 1_000)).isTrue();
        assertThat(JarDigests.changed(Optional.empty(), "x", 1_000, 2_000)).isFalse();
    }

    @Test
    void theIndexSurvivesASaveAndForgetsJarsThatAreGone() throws Exception {
        Path file = dir.resolve("data").resolve("bundle-digests.properties");
        JarDigests d = JarDigests.load(file);
        d.record("autonomy:bundle/a.jar", JarDigests.entry(1, 2, "aa"));
        d.record("autonomy:bundle/b.jar", JarDigests.entry(3, 4, "bb"));
        d.retainOnly(Set.of("autonomy:bundle/a.jar"));
        d.save();
        JarDigests again = JarDigests.load(file);
        assertThat(again.recorded("autonomy:bundle/a.jar")).contains("1,2,aa");
        assertThat(again.recorded("autonomy:bundle/b.jar")).isEmpty();
    }

    @Test
    void aDamagedIndexCountsAsNone() throws Exception {
        Path file = dir.resolve("bundle-digests.properties");
        Files.writeString(file, "autonomy\\:bundle/a.jar=\\u00zz");
        assertThat(JarDigests.load(file).recorded("autonomy:bundle/a.jar")).isEmpty();
    }
}
