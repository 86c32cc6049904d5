package dev.autonomy.control.store;

import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The control bundle's one store file, {@code <dir>/control.mv.db}: the audit journal and the governor's state.
 */
public final class ControlDatabase implements AutoCloseable {

    public static final String FILE = "control.mv.db";
    static final int RETENTION_MILLIS = 10_000;
    private static final long COMPACT_EVERY_NANOS = 5_000_000_000L;

    private long lastCompact = System.nanoTime();

    private final MVStore store;
    private final MvJournal journal;
    private final MvControlStore state;
    private final Path file;

    private ControlDatabase(MVStore store, Path file, Clock clock) {
        this.store = store;
        this.file = file;
        Codec codec = new Codec();
        this.journal = new MvJournal(store, codec, clock);
        this.state = new MvControlStore(store, codec);
    }

    /** Opens (or creates) the store in {@code dir}. */
    public static ControlDatabase open(Path dir, Clock clock) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        // No background auto-commit: every change the governor makes is followed by a journal append, which
        // commits (and acknowledges) it; maintain() commits the rest. So no decision ever waits for a commit that
        // a full write buffer would otherwise start on its thread.
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        // Space of old chunks is reused after this long (default 45 s). maintain() syncs every second, so what
        // is older than this is on disk even after a power loss; a short retention keeps the file small when
        // many appends come at once.
        store.setRetentionTime(RETENTION_MILLIS);
        try {
            return new ControlDatabase(store, file, clock);
        } catch (RuntimeException e) { // a store this release cannot read: leave the file as it is
            store.closeImmediately();
            throw e;
        }
    }

    public MvJournal journal() {
        return journal;
    }

    public MvControlStore state() {
        return state;
    }

    public Path file() {
        return file;
    }

    /**
     * Housekeeping, every second or so: commits what no journal append committed, forces the file to disk, and
     * every few seconds rewrites chunks that are mostly empty so that the file does not grow with dead space.
     */
    public synchronized void maintain() {
        if (store.isClosed()) {
            return;
        }
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
        store.sync();
        if (System.nanoTime() - lastCompact > COMPACT_EVERY_NANOS) {
            lastCompact = System.nanoTime();
            store.compact(80, 1024 * 1024);
        }
    }

    /** For tests of crash safety: closes without committing what was not committed. */
    void closeImmediately() {
        store.closeImmediately();
    }

    /** For tests: writes to the store without committing, like a process killed between two commits. */
    MVStore mvStore() {
        return store;
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
