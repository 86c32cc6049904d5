package dev.autonomy.learning.store;

import dev.autonomy.learning.core.LearningExperience;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The experience store: one H2 MVStore file, {@value #FILE}, in a directory under the container's {@code data/}.
 *
 * <p><b>Durability.</b> One writer thread owns every change. {@link #append} queues the experience and returns a
 * future; the writer puts it into the map, and completes the future with its sequence number only after the commit
 * that contains it: {@code MVStore.commit()} has returned (the chunk was written to the file, handed to the OS —
 * this alone survives {@code kill -9}) and, with {@code sync} (the default), {@code MVStore.sync()} has forced the
 * file channel to the device ({@code commit()} does not force it; this makes it survive a power loss too).
 *
 * <p><b>Group commit.</b> Appends that arrive while a commit is due share it: the writer commits at most every
 * {@code groupCommitMillis} (an append after a quiet period is committed at once), and at once when
 * {@code batchSize} appends are waiting. A full queue makes {@code append} wait (back-pressure towards the
 * caller's own bounded queue) rather than lose anything silently.
 *
 * <p><b>Layout.</b> Map {@code exp}: sequence → encoded experience ({@link ExperienceCodec}). Map {@code minute}: minute → first
 * sequence whose high-water time (the largest experience time so far) reached that minute, so that {@link #scan}
 * starts near its time without an index entry per experience; experiences arriving late are still found.
 *
 * <p><b>Retention.</b> About every {@code retentionEveryMillis} the writer deletes the oldest experiences (by
 * sequence) while there are more than {@code maxEntries} or the oldest is older than {@code maxAge}, at most
 * {@code maxDeletesPerRound} per round.
 *
 * <p>Futures complete on the writer thread: keep their callbacks short.
 */
public final class ExperienceStore implements AutoCloseable {

    public static final String FILE = "experiences.mv.db";
    private static final long MINUTE_MILLIS = 60_000;
    /** Space of dead chunks is reused after this long (MVStore's default: 45 s). */
    private static final int CHUNK_RETENTION_MILLIS = 10_000;
    private static final long COMPACT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final MVStore store;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<Long, Long> minutes;
    private final StoreSettings settings;
    private final Clock clock;
    private final Path file;
    private final BlockingQueue<Op> queue;
    private final Thread writer;
    private volatile boolean closed;
    private boolean closeRequested; // guarded by this
    private final CompletableFuture<Void> writerDone = new CompletableFuture<>();

    // --- owned by the writer thread
    private final ExperienceCodec.Encoder encoder = new ExperienceCodec.Encoder();
    private final ExperienceCodec.Decoder writerDecoder = new ExperienceCodec.Decoder();
    private long lastSeq;
    private long highWaterMillis;
    private long lastIndexedMinute;

    // --- figures, written by the writer
    private volatile long appended;
    private volatile long commits;
    private volatile long lastCommitMicros;
    private volatile long maxCommitMicros;
    private volatile long deletedByRetention;
    private volatile String lastError = "";

    private sealed interface Op permits Append, Task, Stop {
    }

    private record Append(LearningExperience experience, CompletableFuture<Long> done) implements Op {
    }

    private record Task(LongSupplier work, CompletableFuture<Long> done) implements Op {
    }

    private record Stop() implements Op {
    }

    /** What the store holds and how it has been writing. */
    public record StoreStats(long size, long appended, long commits, long lastCommitMicros, long maxCommitMicros,
                             long deletedByRetention, int queued, long fileBytes, String lastError) {
    }

    private ExperienceStore(MVStore store, Path file, StoreSettings settings, Clock clock) {
        this.store = store;
        this.file = file;
        this.settings = settings;
        this.clock = clock;
        this.entries = store.openMap("exp", new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
        this.minutes = store.openMap("minute", new MVMap.Builder<Long, Long>().keyType(LongDataType.INSTANCE)
                .valueType(LongDataType.INSTANCE));
        Long last = entries.lastKey();
        this.lastSeq = last == null ? 0 : last;
        Long lastMinute = minutes.lastKey();
        this.lastIndexedMinute = lastMinute == null ? Long.MIN_VALUE : lastMinute;
        long lastTime = last == null ? Long.MIN_VALUE : writerDecoder.head(entries.get(last)).epochMillis();
        this.highWaterMillis = Math.max(lastTime, lastMinute == null ? Long.MIN_VALUE : lastMinute * MINUTE_MILLIS);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writer = new Thread(this::runWriter, "learning-experience-writer");
        this.writer.setDaemon(true);
    }

    /** Opens (or creates) the store in {@code dir} and starts its writer thread. */
    public static ExperienceStore open(Path dir, StoreSettings settings, Clock clock) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        // No background auto-commit: the writer decides when to commit, and acknowledges after it.
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(CHUNK_RETENTION_MILLIS);
        ExperienceStore s = new ExperienceStore(store, file, settings, clock);
        s.writer.start();
        return s;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends an experience (its sequence field is ignored). The future completes with the sequence number once
     * the experience is durable, or exceptionally when the store is closed or the commit failed.
     */
    public CompletableFuture<Long> append(LearningExperience experience) {
        Objects.requireNonNull(experience, "experience");
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Append(experience, done), done);
        return done;
    }

    /** The store could not take an experience within the time given: its queue stayed full. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * As {@link #append(LearningExperience)}, but waits at most {@code maxWait} for room in the queue: when it stays
     * full, the future completes exceptionally with {@link Busy} at once (nothing was queued). For callers that
     * must not be held up by back-pressure (a person's request).
     */
    public CompletableFuture<Long> append(LearningExperience experience, java.time.Duration maxWait) {
        Objects.requireNonNull(experience, "experience");
        CompletableFuture<Long> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + maxWait.toNanos();
        Op op = new Append(experience, done);
        try {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (queue.offer(op, Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))),
                        TimeUnit.NANOSECONDS)) {
                    if (closed && writerDone.isDone()) {
                        failLeftovers();
                    }
                    return done;
                }
                if (left <= 0) {
                    done.completeExceptionally(new Busy("the experience store's queue is full"));
                    return done;
                }
            }
            done.completeExceptionally(new IllegalStateException("the experience store is closed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Runs {@code work} on the writer thread, between batches (for tests: a writer held up, a full queue). */
    CompletableFuture<Long> onWriter(LongSupplier work) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Task(work, done), done);
        return done;
    }

    private void enqueue(Op op, CompletableFuture<Long> done) {
        try {
            while (!closed) {
                if (queue.offer(op, 50, TimeUnit.MILLISECONDS)) {
                    if (closed && writerDone.isDone()) {
                        failLeftovers(); // the writer ended between our check and our offer
                    }
                    return;
                }
            }
            done.completeExceptionally(new IllegalStateException("the experience store is closed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
    }

    /**
     * Experiences with time ≥ {@code from}, in sequence order. May include experiences not acknowledged yet (put,
     * but their commit is still running).
     */
    public List<LearningExperience> scan(Instant from) {
        return scan(from, Integer.MAX_VALUE);
    }

    /** At most {@code limit} experiences with time ≥ {@code from}, in sequence order. */
    public List<LearningExperience> scan(Instant from, int limit) {
        List<LearningExperience> out = new ArrayList<>();
        forEach(from, x -> {
            if (out.size() < limit) {
                out.add(x);
            }
        }, limit);
        return out;
    }

    /** Feeds experiences with time ≥ {@code from} to {@code consumer}, in sequence order, without a list. */
    public void forEach(Instant from, Consumer<LearningExperience> consumer) {
        forEach(from, consumer, Long.MAX_VALUE);
    }

    private void forEach(Instant from, Consumer<LearningExperience> consumer, long limit) {
        ExperienceCodec.Decoder decoder = new ExperienceCodec.Decoder();
        long start = startSequence(from);
        Cursor<Long, byte[]> c = entries.cursor(start);
        long n = 0;
        while (n < limit && c.hasNext()) {
            long seq = c.next();
            LearningExperience x = decoder.decode(seq, c.getValue());
            if (!x.time().isBefore(from)) {
                consumer.accept(x);
                n++;
            }
        }
    }

    /** The first sequence that may hold an experience at or after {@code from}. */
    private long startSequence(Instant from) {
        long minute = Math.floorDiv(from.toEpochMilli(), MINUTE_MILLIS);
        Long key = minutes.ceilingKey(minute);
        if (key == null) {
            // no experience's high-water time reached that minute, so none is that late — except ones being
            // appended right now: start at the newest index entry to catch those
            Long last = minutes.lastKey();
            return last == null ? 0 : minutes.get(last);
        }
        return minutes.get(key);
    }

    /**
     * Deletes every experience of a session (a person asked to be forgotten); returns how many. Returns once the
     * deletion is committed.
     *
     * <p>There is no index by session: it would cost every append a write at a random place in a second tree (with
     * many sessions, most of each commit's pages). A deletion is rare, so it scans instead: the caller's thread
     * reads the heads of all experiences up to the newest one (a million take well under a second) without
     * holding up appends; the writer then deletes what was found, plus matches among the experiences appended
     * meanwhile.
     */
    public long forgetSession(String sessionId) {
        return forgetSession(sessionId, x -> {
        });
    }

    /**
     * As {@link #forgetSession(String)}, and hands each deleted experience to {@code deleted} (on the caller's
     * thread, after the deletion is committed), so that the caller can undo what it derived from them.
     */
    public long forgetSession(String sessionId, Consumer<LearningExperience> deleted) {
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("sessionId must not be empty");
        }
        Long newest = entries.lastKey();
        long scannedUpTo = newest == null ? 0 : newest;
        List<Long> found = sequencesOf(sessionId, 0, scannedUpTo, new ExperienceCodec.Decoder());
        List<LearningExperience> removed = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Task(() -> {
            long n = 0;
            for (Long seq : found) {
                byte[] old = entries.remove(seq);
                if (old != null) {
                    removed.add(writerDecoder.decode(seq, old));
                    n++;
                }
            }
            for (Long seq : sequencesOf(sessionId, scannedUpTo + 1, Long.MAX_VALUE, writerDecoder)) {
                byte[] old = entries.remove(seq);
                if (old != null) {
                    removed.add(writerDecoder.decode(seq, old));
                }
                n++;
            }
            return n;
        }, done), done);
        long n = done.join();
        synchronized (removed) {
            removed.forEach(deleted);
        }
        return n;
    }

    private List<Long> sequencesOf(String sessionId, long from, long to, ExperienceCodec.Decoder decoder) {
        List<Long> out = new ArrayList<>();
        Cursor<Long, byte[]> c = entries.cursor(from);
        while (c.hasNext()) {
            long seq = c.next();
            if (seq > to) {
                break;
            }
            if (decoder.sessionIs(c.getValue(), sessionId)) {
                out.add(seq);
            }
        }
        return out;
    }

    /** Experiences held. */
    public long size() {
        return entries.sizeAsLong();
    }

    public StoreStats stats() {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            bytes = -1;
        }
        return new StoreStats(size(), appended, commits, lastCommitMicros, maxCommitMicros, deletedByRetention,
                queue.size(), bytes, lastError);
    }

    /** Commits what is queued, stops the writer and closes the file. Appends after this fail. */
    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closeRequested;
            closeRequested = true;
            closed = true;
        }
        if (first && !writerDone.isDone()) {
            try {
                queue.put(new Stop());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writerDone.join();
        failLeftovers();
        synchronized (this) {
            if (!store.isClosed()) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    lastError = String.valueOf(e); // the writer failed before: nothing more can be saved
                    store.closeImmediately();
                }
            }
        }
    }

    /** For tests of crash safety: stops without committing what is not committed, like a process killed. */
    void closeImmediately() {
        closed = true;
        writer.interrupt();
        writerDone.join();
        failLeftovers();
        store.closeImmediately();
    }

    private void failLeftovers() {
        Op op;
        while ((op = queue.poll()) != null) {
            if (op instanceof Append) {
                ((Append) op).done().completeExceptionally(new IllegalStateException("the experience store is closed"));
            } else if (op instanceof Task) {
                ((Task) op).done().completeExceptionally(new IllegalStateException("the experience store is closed"));
            }
        }
    }

    // ----------------------------------------------------------------------------------------- the writer

    private void runWriter() {
        List<Op> drained = new ArrayList<>();
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        long[] waitingSeqs = new long[Math.min(settings.batchSize(), 1 << 16)];
        List<CompletableFuture<Long>> tasks = new ArrayList<>();
        long[] taskResults = new long[16];
        long groupNanos = TimeUnit.MILLISECONDS.toNanos(settings.groupCommitMillis());
        long retentionNanos = TimeUnit.MILLISECONDS.toNanos(settings.retentionEveryMillis());
        long lastCommit = System.nanoTime() - groupNanos;
        long nextRetention = System.nanoTime();
        long nextCompact = System.nanoTime() + COMPACT_EVERY_NANOS;
        boolean stop = false;
        try {
            while (!stop) {
                long now = System.nanoTime();
                Op op;
                if (waiting.isEmpty()) {
                    op = queue.poll(Math.max(1, nextRetention - now), TimeUnit.NANOSECONDS);
                } else {
                    long wait = lastCommit + groupNanos - now;
                    op = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                }
                if (op != null) {
                    drained.add(op);
                    queue.drainTo(drained, Math.max(0, settings.batchSize() - waiting.size() - 1));
                }
                for (Op o : drained) {
                    if (o instanceof Append) {
                        Append a = (Append) o;
                        long seq = put(a.experience());
                        if (waiting.size() == waitingSeqs.length) {
                            waitingSeqs = Arrays.copyOf(waitingSeqs, waitingSeqs.length * 2);
                        }
                        waitingSeqs[waiting.size()] = seq;
                        waiting.add(a.done());
                    } else if (o instanceof Task) {
                        Task t = (Task) o;
                        if (tasks.size() == taskResults.length) {
                            taskResults = Arrays.copyOf(taskResults, taskResults.length * 2);
                        }
                        taskResults[tasks.size()] = t.work().getAsLong();
                        tasks.add(t.done());
                    } else if (o instanceof Stop) {
                        stop = true;
                    } else {
                        throw new AssertionError(o);
                    }
                }
                drained.clear();
                now = System.nanoTime();
                boolean due = stop || !tasks.isEmpty()
                        || !waiting.isEmpty() && (waiting.size() >= settings.batchSize() || now - lastCommit >= groupNanos);
                if (now - nextRetention >= 0) {
                    int deleted = retain();
                    // more to delete: go on in the next round, between batches of appends
                    nextRetention = deleted == settings.maxDeletesPerRound() ? now : now + retentionNanos;
                    if (deleted > 0 && waiting.isEmpty()) {
                        due = true;
                    }
                }
                if (due) {
                    lastCommit = now;
                    commit(waiting, waitingSeqs, tasks, taskResults);
                    if (now - nextCompact >= 0) {
                        nextCompact = now + COMPACT_EVERY_NANOS;
                        store.compact(80, 4 * 1024 * 1024);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closeImmediately: leave uncommitted work uncommitted
            fail(waiting, tasks, new IllegalStateException("the experience store was closed before the commit"));
        } catch (RuntimeException | Error e) {
            lastError = String.valueOf(e);
            fail(waiting, tasks, e);
            closed = true;
        } finally {
            writerDone.complete(null);
        }
    }

    private long put(LearningExperience x) {
        long seq = ++lastSeq;
        entries.put(seq, encoder.encode(x));
        long t = x.time().toEpochMilli();
        if (t > highWaterMillis) {
            highWaterMillis = t;
        }
        long minute = Math.floorDiv(highWaterMillis, MINUTE_MILLIS);
        if (minute > lastIndexedMinute) {
            minutes.put(minute, seq);
            lastIndexedMinute = minute;
        }
        return seq;
    }

    private void commit(List<CompletableFuture<Long>> waiting, long[] seqs, List<CompletableFuture<Long>> tasks,
                        long[] taskResults) {
        long start = System.nanoTime();
        try {
            store.commit();
            if (settings.sync()) {
                store.sync();
            }
        } catch (RuntimeException e) {
            lastError = String.valueOf(e);
            store.rollback(); // back to the last commit: nothing unacknowledged may become durable later
            Long last = entries.lastKey();
            lastSeq = last == null ? 0 : last;
            fail(waiting, tasks, e);
            return;
        }
        long micros = (System.nanoTime() - start) / 1000;
        lastCommitMicros = micros;
        if (micros > maxCommitMicros) {
            maxCommitMicros = micros;
        }
        commits++;
        appended += waiting.size();
        for (int i = 0; i < waiting.size(); i++) {
            waiting.get(i).complete(seqs[i]);
        }
        waiting.clear();
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).complete(taskResults[i]);
        }
        tasks.clear();
    }

    private static void fail(List<CompletableFuture<Long>> waiting, List<CompletableFuture<Long>> tasks,
                             Throwable e) {
        for (CompletableFuture<Long> f : waiting) {
            f.completeExceptionally(e);
        }
        waiting.clear();
        for (CompletableFuture<Long> f : tasks) {
            f.completeExceptionally(e);
        }
        tasks.clear();
    }

    /** Deletes the oldest experiences beyond the limits; returns how many. */
    private int retain() {
        long cutoff = clock.millis() - settings.maxAge().toMillis();
        int deleted = 0;
        while (deleted < settings.maxDeletesPerRound()) {
            Long first = entries.firstKey();
            if (first == null) {
                break;
            }
            ExperienceCodec.Head head = writerDecoder.head(entries.get(first));
            if (entries.sizeAsLong() <= settings.maxEntries() && head.epochMillis() >= cutoff) {
                break;
            }
            entries.remove(first);
            deleted++;
        }
        if (deleted > 0) {
            deletedByRetention += deleted;
            Long first = entries.firstKey();
            long firstSeq = first == null ? lastSeq + 1 : first;
            // index entries wholly before the first experience left are of no use any more
            for (Long k = minutes.firstKey(); k != null; k = minutes.firstKey()) {
                Long next = minutes.higherKey(k);
                if (next == null || minutes.get(next) > firstSeq) {
                    break;
                }
                minutes.remove(k);
            }
        }
        return deleted;
    }
}
