package dev.autonomy.creator.deploy;

import dev.autonomy.creator.build.BundlePackager;
import dev.autonomy.creator.spec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AgentStoreTest {

    @TempDir
    Path data;

    private static final byte[] JAR = "not really a jar, but bytes".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, Object> SPEC = Map.of("id", "shout", "version", "1.0.0");
    private static final Map<String, String> SOURCES = Map.of(
            "dev.autonomy.generated.shout.r1.Behavior", "package dev.autonomy.generated.shout.r1; class Behavior {}",
            "dev.autonomy.generated.shout.r1.AgentComponent", "package dev.autonomy.generated.shout.r1; class C {}");

    private static AgentStore.Revision meta(String id, int revision, byte[] jar) {
        return new AgentStore.Revision(id, revision, "1.0.0", BundlePackager.sha256(jar), "spec",
                "2026-01-02T03:04:05Z", "p-" + revision);
    }

    private static Map<String, Object> entry(String attempt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", attempt);
        m.put("ok", true);
        return m;
    }

    // ------------------------------------------------------------------ revisions

    @Test
    void revisionsCountUpFromOne() throws IOException {
        AgentStore store = new AgentStore(data);

        assertThat(store.root()).isEqualTo(data.resolve("agents")).isDirectory();
        assertThat(store.nextRevision("shout")).isEqualTo(1);
        store.saveRevision(meta("shout", 1, JAR), SPEC, SOURCES, JAR);
        assertThat(store.nextRevision("shout")).isEqualTo(2);
        store.saveRevision(meta("shout", 2, JAR), SPEC, SOURCES, JAR);
        assertThat(store.nextRevision("shout")).isEqualTo(3);
        // per id
        assertThat(store.nextRevision("other")).isEqualTo(1);
    }

    @Test
    void nextRevisionIsOneAboveTheHighestAndIgnoresOtherNames() throws IOException {
        AgentStore store = new AgentStore(data);
        Files.createDirectories(store.root().resolve("shout/r1"));
        Files.createDirectories(store.root().resolve("shout/r10"));
        Files.createDirectories(store.root().resolve("shout/rx"));
        Files.createDirectories(store.root().resolve("shout/r1234567")); // more than six digits: not a revision
        Files.writeString(store.root().resolve("shout/state.json"), "{}");

        assertThat(store.nextRevision("shout")).isEqualTo(11);
    }

    @Test
    void savedRevisionGivesBackItsJarMetadataSpecAndSources() throws IOException {
        AgentStore store = new AgentStore(data);
        AgentStore.Revision meta = meta("shout", 1, JAR);

        store.saveRevision(meta, SPEC, SOURCES, JAR);

        assertThat(store.jar("shout", 1)).hasValueSatisfying(b -> assertThat(b).isEqualTo(JAR));
        assertThat(store.revision("shout", 1)).contains(meta);
        assertThat(Json.parse(Files.readString(store.root().resolve("shout/r1/spec.json")))).isEqualTo(SPEC);
        // by file name (the simple class name), sorted
        assertThat(store.sources("shout", 1)).containsExactly(
                Map.entry("AgentComponent.java", "package dev.autonomy.generated.shout.r1; class C {}"),
                Map.entry("Behavior.java", "package dev.autonomy.generated.shout.r1; class Behavior {}"));
        assertThat(store.revision("shout", 2)).isEmpty();
        assertThat(store.jar("shout", 2)).isEmpty();
        assertThat(store.sources("shout", 2)).isEmpty();
    }

    @Test
    void anEmptyProposalIdIsReadBackAsEmpty() throws IOException {
        AgentStore store = new AgentStore(data);
        AgentStore.Revision meta = new AgentStore.Revision("shout", 1, "1.0.0", BundlePackager.sha256(JAR), "gap",
                "2026-01-02T03:04:05Z", null);

        store.saveRevision(meta, SPEC, Map.of(), JAR);

        assertThat(store.revision("shout", 1).orElseThrow().proposalId()).isEmpty();
    }

    @Test
    void updateRevisionRewritesOnlyTheMetadata() throws IOException {
        AgentStore store = new AgentStore(data);
        store.saveRevision(meta("shout", 1, JAR), SPEC, SOURCES, JAR);
        AgentStore.Revision approved = new AgentStore.Revision("shout", 1, "1.0.0", BundlePackager.sha256(JAR),
                "spec", "2026-01-02T03:04:05Z", "p-9");

        store.updateRevision(approved);

        assertThat(store.revision("shout", 1)).contains(approved);
        assertThat(store.jar("shout", 1)).isPresent();
    }

    @Test
    void aJarAlteredOnDiskIsNotReturned() throws IOException {
        AgentStore store = new AgentStore(data);
        store.saveRevision(meta("shout", 1, JAR), SPEC, SOURCES, JAR);
        Path jar = store.root().resolve("shout/r1/agent.jar");
        assertThat(jar).hasBinaryContent(JAR);

        byte[] altered = JAR.clone();
        altered[0] ^= 1;
        Files.write(jar, altered);

        assertThat(store.jar("shout", 1)).isEmpty();
        Files.write(jar, JAR);
        assertThat(store.jar("shout", 1)).isPresent();
        Files.delete(jar);
        assertThat(store.jar("shout", 1)).isEmpty();
    }

    @Test
    void aJarWhoseRecordedHashDiffersIsNotReturned() throws IOException {
        AgentStore store = new AgentStore(data);
        store.saveRevision(meta("shout", 1, "other bytes".getBytes(StandardCharsets.UTF_8)), SPEC, SOURCES, JAR);

        assertThat(store.jar("shout", 1)).isEmpty();
    }

    @Test
    void deletedRevisionIsGoneAndItsNumberFree() throws IOException {
        AgentStore store = new AgentStore(data);
        store.saveRevision(meta("shout", 1, JAR), SPEC, SOURCES, JAR);
        store.saveRevision(meta("shout", 2, JAR), SPEC, SOURCES, JAR);

        store.deleteRevision("shout", 2);

        assertThat(store.root().resolve("shout/r2")).doesNotExist();
        assertThat(store.revision("shout", 2)).isEmpty();
        assertThat(store.jar("shout", 2)).isEmpty();
        assertThat(store.sources("shout", 2)).isEmpty();
        assertThat(store.nextRevision("shout")).isEqualTo(2);
        assertThat(store.jar("shout", 1)).isPresent(); // the other revision is untouched
        store.deleteRevision("shout", 7); // nothing there: no error
        store.deleteRevision("nobody", 1);
    }

    // ------------------------------------------------------------------ state

    @Test
    void stateRoundTripsAndDefaultsToNothingActive() throws IOException {
        AgentStore store = new AgentStore(data);

        assertThat(store.state("shout")).isEqualTo(new AgentStore.State(0, List.of()));
        store.saveState("shout", new AgentStore.State(2, List.of("p-1", "p-2")));
        assertThat(store.state("shout")).isEqualTo(new AgentStore.State(2, List.of("p-1", "p-2")));
        store.saveState("shout", new AgentStore.State(1, List.of("p-1")));
        assertThat(store.state("shout")).isEqualTo(new AgentStore.State(1, List.of("p-1")));
        // a new store on the same directory reads the same
        assertThat(new AgentStore(data).state("shout")).isEqualTo(new AgentStore.State(1, List.of("p-1")));
    }

    @Test
    void idsAreThoseWithAStateFileSorted() throws IOException {
        AgentStore store = new AgentStore(data);
        assertThat(store.ids()).isEmpty();

        store.saveState("zeta", new AgentStore.State(1, List.of()));
        store.saveState("alpha", new AgentStore.State(0, List.of()));
        store.saveRevision(meta("orphan", 1, JAR), SPEC, SOURCES, JAR); // a revision but no state

        assertThat(store.ids()).containsExactly("alpha", "zeta");
    }

    // ------------------------------------------------------------------ history

    @Test
    void historyIsNewestFirstAndLimited() throws IOException {
        AgentStore store = new AgentStore(data);
        assertThat(store.history(10)).isEmpty();

        store.appendHistory(entry("a1"));
        store.appendHistory(entry("a2"));
        store.appendHistory(entry("a3"));

        assertThat(store.history(10)).containsExactly(entry("a3"), entry("a2"), entry("a1"));
        assertThat(store.history(2)).containsExactly(entry("a3"), entry("a2"));
        assertThat(store.history(0)).isEmpty();
        assertThat(Files.readAllLines(data.resolve("agent-creation-history.jsonl"))).containsExactly(
                "{\"attempt\":\"a1\",\"ok\":true}", "{\"attempt\":\"a2\",\"ok\":true}",
                "{\"attempt\":\"a3\",\"ok\":true}");
    }

    @Test
    void aTornLastLineIsSkipped() throws IOException {
        AgentStore store = new AgentStore(data);
        store.appendHistory(entry("a1"));
        store.appendHistory(entry("a2"));
        Files.writeString(data.resolve("agent-creation-history.jsonl"), "{\"attempt\":\"a3\",\"o",
                StandardOpenOption.APPEND);

        assertThat(store.history(10)).containsExactly(entry("a2"), entry("a1"));
        // the torn line does not count against the limit
        assertThat(store.history(1)).containsExactly(entry("a2"));
    }

    @Test
    void linesThatAreNotObjectsAreSkipped() throws IOException {
        AgentStore store = new AgentStore(data);
        store.appendHistory(entry("a1"));
        Files.writeString(data.resolve("agent-creation-history.jsonl"), "[1, 2]\n\"text\"\n",
                StandardOpenOption.APPEND);
        store.appendHistory(entry("a2"));

        assertThat(store.history(10)).containsExactly(entry("a2"), entry("a1"));
    }

    @Test
    void anEntryAppendedAfterATornLineIsKept() throws IOException {
        AgentStore store = new AgentStore(data);
        store.appendHistory(entry("a1"));
        Files.writeString(data.resolve("agent-creation-history.jsonl"), "{\"attempt\":\"a2\",\"o",
                StandardOpenOption.APPEND);

        store.appendHistory(entry("a3"));

        assertThat(store.history(10)).containsExactly(entry("a3"), entry("a1"));
    }

    // ------------------------------------------------------------------ atomic writes

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        AgentStore store = new AgentStore(data);
        store.saveRevision(meta("shout", 1, JAR), SPEC, SOURCES, JAR);
        store.saveRevision(meta("shout", 2, JAR), SPEC, SOURCES, JAR); // overwrites nothing, new directory
        store.saveRevision(meta("shout", 2, JAR), SPEC, SOURCES, JAR); // replaces every file of r2
        store.updateRevision(meta("shout", 1, JAR));
        store.saveState("shout", new AgentStore.State(1, List.of("p-1")));
        store.saveState("shout", new AgentStore.State(2, List.of("p-1", "p-2")));
        store.appendHistory(entry("a1"));

        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> data.relativize(p).toString().replace('\\', '/'))
                    .sorted()).containsExactly(
                    "agent-creation-history.jsonl",
                    "agents/shout/r1/agent.jar",
                    "agents/shout/r1/meta.json",
                    "agents/shout/r1/spec.json",
                    "agents/shout/r1/src/AgentComponent.java",
                    "agents/shout/r1/src/Behavior.java",
                    "agents/shout/r2/agent.jar",
                    "agents/shout/r2/meta.json",
                    "agents/shout/r2/spec.json",
                    "agents/shout/r2/src/AgentComponent.java",
                    "agents/shout/r2/src/Behavior.java",
                    "agents/shout/state.json");
        }
    }
}
