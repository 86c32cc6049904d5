package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.AdaptationState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every adaptation learning proposed, with what it knows about each beyond the record: a note (the governor's
 * reason, the verdict), the effect its application returned (the rollback recipe) and the last effectiveness
 * report. Kept in {@value #FILE} in the learning folder, rewritten atomically (written beside, forced to disk,
 * moved over) on every change, so that running experiments survive a restart or {@code kill -9}. Thread-safe.
 *
 * <p>Dropped adaptations (reverted, rejected) beyond the newest {@value #MAX_CLOSED} are forgotten; open ones
 * (proposed, active) and kept ones never are: a kept adaptation is in force, and its record is what reverting it
 * needs (its rollback recipe) and what keeps it from being proposed again. There is at most one kept adaptation
 * per kind and target, so they are bounded by what the system has.
 */
final class AdaptationBook {

    static final String FILE = "adaptations.json";
    static final int MAX_CLOSED = 200;
    private static final int FORMAT = 1;

    /**
     * One adaptation and what goes with it.
     *
     * @param state          where it stands, finer than its status (always one of its status's states); the note
     *                       says the same in words, for people
     * @param validated      whether its final validation was reported to the governor (reported once, however
     *                       often the undo is retried)
     * @param holdoutPending whether it is kept but ending its holdout in the tool's override failed (retried at
     *                       later cycles)
     */
    record Entry(Adaptation adaptation, AdaptationState state, String note, Map<String, Object> effect,
                 Map<String, Object> report, boolean validated, boolean holdoutPending) {
        Entry {
            note = note == null ? "" : note;
            effect = effect == null ? Map.of() : effect;
            report = report == null ? Map.of() : report;
            if (state == null || state.status() != adaptation.status()) {
                state = AdaptationState.of(adaptation.status()); // (its status changed; withNote sets the state)
            }
        }

        Entry(Adaptation adaptation, AdaptationState state, String note) {
            this(adaptation, state, note, null, null, false, false);
        }

        Entry with(Adaptation a) {
            return new Entry(a, state, note, effect, report, validated, holdoutPending);
        }

        /** A new note in the same state. */
        Entry withNote(String n) {
            return new Entry(adaptation, state, n, effect, report, validated, holdoutPending);
        }

        /** A new state, and the note that says it. */
        Entry withNote(AdaptationState s, String n) {
            return new Entry(adaptation, s, n, effect, report, validated, holdoutPending);
        }

        Entry withEffect(Map<String, Object> e) {
            return new Entry(adaptation, state, note, e, report, validated, holdoutPending);
        }

        Entry withReport(Map<String, Object> r) {
            return new Entry(adaptation, state, note, effect, r, validated, holdoutPending);
        }

        Entry withValidated(boolean v) {
            return new Entry(adaptation, state, note, effect, report, v, holdoutPending);
        }

        Entry withHoldoutPending(boolean v) {
            return new Entry(adaptation, state, note, effect, report, validated, v);
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>(adaptation.toJson());
            m.put("state", state.name().toLowerCase(Locale.ROOT));
            m.put("note", note);
            if (!effect.isEmpty()) {
                m.put("effect", effect);
            }
            if (!report.isEmpty()) {
                m.put("report", report);
            }
            if (validated) {
                m.put("validated", true);
            }
            if (holdoutPending) {
                m.put("holdoutPending", true);
            }
            return m;
        }

        /** An entry as stored; one stored before states were (no {@code state}) gets it from its note. */
        @SuppressWarnings("unchecked")
        static Entry fromJson(Map<String, Object> m) {
            Adaptation a = Adaptation.fromJson(m);
            String note = m.get("note") instanceof String ? (String) m.get("note") : "";
            return new Entry(a, state(m.get("state"), note, a.status()), note,
                    m.get("effect") instanceof Map ? (Map<String, Object>) m.get("effect") : Map.of(),
                    m.get("report") instanceof Map ? (Map<String, Object>) m.get("report") : Map.of(),
                    Boolean.TRUE.equals(m.get("validated")), Boolean.TRUE.equals(m.get("holdoutPending")));
        }

        private static AdaptationState state(Object stored, String note, Adaptation.Status status) {
            if (stored instanceof String) {
                for (AdaptationState s : AdaptationState.values()) {
                    if (s.name().equalsIgnoreCase((String) stored)) {
                        return s;
                    }
                }
            }
            return AdaptationState.fromNote(note, status);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private volatile String lastError = "";
    private volatile String lastErrorClass = "";

    private AdaptationBook(Path file) {
        this.file = file;
    }

    /** Opens the book in {@code dir}: what the file holds, or an empty book. A damaged file is kept aside. */
    static AdaptationBook open(Path dir) throws IOException {
        Files.createDirectories(dir);
        AdaptationBook b = new AdaptationBook(dir.resolve(FILE));
        if (Files.exists(b.file)) {
            String text = Files.readString(b.file, StandardCharsets.UTF_8);
            try {
                Object root = JsonText.parse(text);
                if (!(root instanceof Map) || !(((Map<?, ?>) root).get("adaptations") instanceof List)) {
                    throw new IllegalArgumentException("no adaptations list");
                }
                for (Object o : (List<?>) ((Map<?, ?>) root).get("adaptations")) {
                    @SuppressWarnings("unchecked")
                    Entry e = Entry.fromJson((Map<String, Object>) o);
                    b.entries.put(e.adaptation().id(), e);
                }
            } catch (RuntimeException e) {
                Path aside = dir.resolve(FILE + ".damaged-" + System.currentTimeMillis());
                Files.move(b.file, aside);
                b.entries.clear();
                b.lastError = "the stored adaptations could not be read (" + e + "); kept as " + aside;
                b.lastErrorClass = "DamagedAdaptationsFile";
            }
        }
        return b;
    }

    synchronized List<Adaptation> all() {
        List<Adaptation> out = new ArrayList<>(entries.size());
        entries.values().forEach(e -> out.add(e.adaptation()));
        return out;
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    synchronized Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Adds or replaces an adaptation (keeping what goes with it), and saves. */
    synchronized void put(Adaptation a, String note) {
        Entry old = entries.get(a.id());
        entries.put(a.id(), old == null ? new Entry(a, AdaptationState.of(a.status()), note)
                : old.with(a).withNote(note));
        save();
    }

    /** Changes an entry, if present, and saves; returns the new entry. */
    synchronized Optional<Entry> update(String id, UnaryOperator<Entry> change) {
        Entry old = entries.get(id);
        if (old == null) {
            return Optional.empty();
        }
        Entry now = change.apply(old);
        entries.put(id, now);
        save();
        return Optional.of(now);
    }

    /** The last effectiveness report of an adaptation, kept in memory only (saved with the next change). */
    synchronized void report(String id, Map<String, Object> report) {
        Entry old = entries.get(id);
        if (old != null) {
            entries.put(id, old.withReport(report));
        }
    }

    /** The adaptations, newest first, as the tools show them: the record, the note and the last report. */
    List<Map<String, Object>> newestFirst() {
        List<Entry> list = new ArrayList<>(entries());
        java.util.Collections.reverse(list);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : list) {
            Map<String, Object> m = new LinkedHashMap<>(e.adaptation().toJson());
            m.put("note", e.note());
            if (!e.report().isEmpty()) {
                m.put("report", e.report());
            }
            out.add(m);
        }
        return out;
    }

    /** The full id of an adaptation, by id or unique beginning. */
    String resolveId(String idOrPrefix) {
        List<String> ids = all().stream().map(Adaptation::id).toList();
        if (ids.contains(idOrPrefix)) {
            return idOrPrefix;
        }
        List<String> matching = ids.stream().filter(i -> i.startsWith(idOrPrefix)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        throw new IllegalArgumentException(matching.isEmpty() ? "no adaptation '" + idOrPrefix
                + "'; learn:adaptations lists them" : "'" + idOrPrefix + "' matches " + matching.size()
                + " adaptations: " + matching);
    }

    /** How many adaptations have each status. */
    Map<Adaptation.Status, Long> counts() {
        Map<Adaptation.Status, Long> counts = new java.util.EnumMap<>(Adaptation.Status.class);
        for (Adaptation a : all()) {
            counts.merge(a.status(), 1L, Long::sum);
        }
        return counts;
    }

    /** The last error in full (for the log: it may name files). */
    String lastError() {
        return lastError;
    }

    /** The short class of the last error, for what clients see; empty when none. */
    String lastErrorClass() {
        return lastErrorClass;
    }

    Path file() {
        return file;
    }

    private void save() {
        trim();
        List<Object> list = new ArrayList<>();
        entries.values().forEach(e -> list.add(e.toJson()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("adaptations", list);
        byte[] bytes = JsonText.write(root).getBytes(StandardCharsets.UTF_8);
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            lastError = "";
            lastErrorClass = "";
        } catch (IOException e) {
            lastError = "cannot save the adaptations: " + e;
            lastErrorClass = e.getClass().getSimpleName();
        }
    }

    /** Forgets the oldest dropped (reverted, rejected) adaptations beyond {@link #MAX_CLOSED}; never a kept one. */
    private void trim() {
        List<Entry> closed = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.adaptation().status().isDropped()) {
                closed.add(e);
            }
        }
        if (closed.size() <= MAX_CLOSED) {
            return;
        }
        closed.sort(Comparator.comparing((Entry e) -> e.adaptation().decidedAt() == null
                ? e.adaptation().proposedAt() : e.adaptation().decidedAt()));
        for (int i = 0; i < closed.size() - MAX_CLOSED; i++) {
            entries.remove(closed.get(i).adaptation().id());
        }
    }
}
