package dev.autonomy.creator.deploy;

import dev.autonomy.creator.spec.Json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Each agent's revisions under {@code <data>/agents/<id>/r<n>/} (spec, sources, jar, metadata) and its state
 * ({@code state.json}: the active revision and the stack of applied proposals), plus an append-only history of
 * every creation attempt. Every file is written to a temporary name, forced to disk and moved into place, so a
 * crash leaves the old or the new file, never half of one.
 */
public final class AgentStore {

    /** A revision's metadata. */
    public record Revision(String id, int revision, String version, String sha256, String origin, String createdAt,
                           String proposalId) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("revision", revision);
            m.put("version", version);
            m.put("sha256", sha256);
            m.put("origin", origin);
            m.put("createdAt", createdAt);
            m.put("proposalId", proposalId);
            return m;
        }

        static Revision fromJson(Map<String, Object> m) {
            return new Revision(String.valueOf(m.get("id")), ((Number) m.get("revision")).intValue(),
                    String.valueOf(m.get("version")), String.valueOf(m.get("sha256")),
                    String.valueOf(m.get("origin")), String.valueOf(m.get("createdAt")),
                    m.get("proposalId") == null ? "" : String.valueOf(m.get("proposalId")));
        }
    }

    /**
     * An agent's state: the revision serving (0 = none) and the applied proposals that changed it, newest last
     * ({@code agent_rollback} undoes the newest).
     */
    public record State(int active, List<String> applied) {
        public State {
            applied = List.copyOf(applied);
        }
    }

    private final Path root;
    private final Path history;

    public AgentStore(Path dataDir) throws IOException {
        this.root = Files.createDirectories(dataDir.resolve("agents"));
        this.history = dataDir.resolve("agent-creation-history.jsonl");
    }

    public Path root() {
        return root;
    }

    /** The next free revision number of {@code id}. */
    public synchronized int nextRevision(String id) throws IOException {
        Path dir = root.resolve(id);
        int max = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String n = p.getFileName().toString();
                    if (n.matches("r\\d{1,6}")) {
                        max = Math.max(max, Integer.parseInt(n.substring(1)));
                    }
                }
            }
        }
        return max + 1;
    }

    /** Keeps a built revision: spec (or source), sources, jar, metadata — the jar last, the metadata after it. */
    public synchronized void saveRevision(Revision meta, Map<String, Object> spec, Map<String, String> sources,
                                          byte[] jar) throws IOException {
        Path dir = Files.createDirectories(revisionDir(meta.id(), meta.revision()));
        writeAtomically(dir.resolve("spec.json"), Json.write(spec).getBytes(StandardCharsets.UTF_8));
        Path src = Files.createDirectories(dir.resolve("src"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String simple = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            writeAtomically(src.resolve(simple + ".java"), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        writeAtomically(dir.resolve("agent.jar"), jar);
        writeAtomically(dir.resolve("meta.json"), Json.write(meta.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void updateRevision(Revision meta) throws IOException {
        writeAtomically(revisionDir(meta.id(), meta.revision()).resolve("meta.json"),
                Json.write(meta.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    public synchronized Optional<Revision> revision(String id, int revision) throws IOException {
        Path meta = revisionDir(id, revision).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        return Optional.of(Revision.fromJson((Map<String, Object>) Json.parse(Files.readString(meta))));
    }

    /** The jar of a revision, only if its hash is still the one recorded. */
    public synchronized Optional<byte[]> jar(String id, int revision) throws IOException {
        Optional<Revision> meta = revision(id, revision);
        Path jar = revisionDir(id, revision).resolve("agent.jar");
        if (meta.isEmpty() || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(jar);
        return dev.autonomy.creator.build.BundlePackager.sha256(bytes).equals(meta.get().sha256())
                ? Optional.of(bytes) : Optional.empty();
    }

    /** The sources of a revision, by file name. */
    public synchronized Map<String, String> sources(String id, int revision) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path src = revisionDir(id, revision).resolve("src");
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.list(src)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    out.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return out;
    }

    /** Drops a revision that was never deployed (rejected, or failed after it was kept). */
    public synchronized void deleteRevision(String id, int revision) throws IOException {
        Path dir = revisionDir(id, revision);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    public synchronized State state(String id) throws IOException {
        Path f = root.resolve(id).resolve("state.json");
        if (!Files.isRegularFile(f)) {
            return new State(0, List.of());
        }
        Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(f));
        List<String> applied = new ArrayList<>();
        for (Object o : (List<Object>) m.getOrDefault("applied", List.of())) {
            applied.add(String.valueOf(o));
        }
        return new State(((Number) m.getOrDefault("active", 0)).intValue(), applied);
    }

    public synchronized void saveState(String id, State state) throws IOException {
        Files.createDirectories(root.resolve(id));
        writeAtomically(root.resolve(id).resolve("state.json"), Json.write(Map.of("active", state.active(),
                "applied", state.applied())).getBytes(StandardCharsets.UTF_8));
    }

    /** The ids with a state file. */
    public synchronized List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isRegularFile(p.resolve("state.json"))) {
                    ids.add(p.getFileName().toString());
                }
            }
        }
        return ids;
    }

    /** Appends one line to the creation history and forces it to disk. */
    public synchronized void appendHistory(Map<String, Object> entry) throws IOException {
        String text = Json.write(entry) + "\n";
        try (FileChannel ch = FileChannel.open(history, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > 0) {
                java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    text = "\n" + text; // a line torn by a crash ends here: start afresh after it
                }
            }
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), size);
            ch.force(false);
        }
    }

    /** The newest {@code limit} history entries, newest first; a torn last line (a crash mid-write) is skipped. */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> history(int limit) throws IOException {
        if (!Files.isRegularFile(history)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
            try {
                Object o = Json.parse(lines.get(i));
                if (o instanceof Map) {
                    out.add((Map<String, Object>) o);
                }
            } catch (RuntimeException torn) {
                // a line cut by a crash: skip it
            }
        }
        return out;
    }

    private Path revisionDir(String id, int revision) {
        return root.resolve(id).resolve("r" + revision);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
