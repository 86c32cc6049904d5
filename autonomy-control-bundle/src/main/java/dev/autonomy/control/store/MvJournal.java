package dev.autonomy.control.store;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditJournal;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.control.engine.Journal;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The append-only audit journal in the MVStore: entries by sequence, plus an index by proposal, target and
 * capability ({@code p|<id>|<seq>} …). An append is acknowledged once {@code commit()} returned: the data was written
 * to the file (handed to the OS), so it survives {@code kill -9}. Appenders put under a short lock and commit
 * outside it, so concurrent appends share commits; and commits are paced (a burst of {@value #BURST} at once, then
 * at most {@value #COMMITS_PER_SECOND} a second), so that a flood of appends waits a few milliseconds instead of
 * writing thousands of chunks a second: an append returns within about 10 ms even then.
 */
public final class MvJournal implements AuditJournal, Journal {

    private final MVStore store;
    private final MVMap<Long, String> entries;
    private final MVMap<String, Long> index;
    private final Codec codec;
    private final Clock clock;
    static final int BURST = 20;
    static final int COMMITS_PER_SECOND = 100;
    private static final long NANOS_PER_COMMIT = 1_000_000_000L / COMMITS_PER_SECOND;

    private final Object appendLock = new Object();
    /** Serialises pruning; taken before {@code appendLock}, never inside it. */
    private final Object pruneLock = new Object();
    /** The key after which the next prune goes on; 0: from the oldest. Guarded by pruneLock. */
    private long pruneCursor;
    static final int PRUNE_BATCH = 500;
    private final Object commitLock = new Object();
    private volatile long lastSeq;
    /** The last sequence whose entry (and all before it) is in the maps: advanced only after the puts. */
    private volatile long publishedSeq;
    private long lastTime;
    private long committedSeq; // guarded by commitLock
    private double tokens = BURST; // guarded by commitLock
    private long refilledAt = System.nanoTime(); // guarded by commitLock

    MvJournal(MVStore store, Codec codec, Clock clock) {
        this.store = store;
        this.entries = store.openMap("audit");
        this.index = store.openMap("audit.index");
        this.codec = codec;
        this.clock = clock;
        Long last = entries.lastKey();
        this.lastSeq = last == null ? 0 : last;
        this.committedSeq = lastSeq;
        this.publishedSeq = lastSeq;
        this.lastTime = last == null ? 0 : codec.entry(entries.get(last)).time().toEpochMilli();
    }

    @Override
    public AuditEntry append(AuditEntry draft) {
        return append(List.of(draft)).get(0);
    }

    @Override
    public List<AuditEntry> append(List<AuditEntry> drafts) {
        List<AuditEntry> out = new ArrayList<>(drafts.size());
        long mine;
        synchronized (appendLock) {
            for (AuditEntry d : drafts) {
                long seq = ++lastSeq;
                long t = Math.max(clock.millis(), lastTime); // time never goes back: queries by time rely on it
                lastTime = t;
                AuditEntry e = new AuditEntry(seq, Instant.ofEpochMilli(t), d.type(), d.proposalId(), d.capability(),
                        d.kind(), d.target(), d.actor(), d.summary(), d.data());
                entries.put(seq, codec.entry(e));
                String s = pad(seq);
                if (!e.proposalId().isEmpty()) {
                    index.put("p|" + e.proposalId() + "|" + s, seq);
                }
                if (!e.target().isEmpty()) {
                    index.put("t|" + e.target() + "|" + s, seq);
                }
                if (!e.capability().isEmpty()) {
                    index.put("c|" + e.capability() + "|" + s, seq);
                }
                out.add(e);
            }
            mine = lastSeq;
            publishedSeq = mine;
        }
        commitThrough(mine);
        return out;
    }

    /** Returns once entries up to {@code seq} are committed: by this thread, or by another one meanwhile. */
    private void commitThrough(long seq) {
        synchronized (commitLock) {
            if (committedSeq >= seq) {
                return; // an appender that came before committed ours too
            }
            long now = System.nanoTime();
            tokens = Math.min(BURST, tokens + (now - refilledAt) / (double) NANOS_PER_COMMIT);
            refilledAt = now;
            if (tokens < 1) {
                long wait = (long) ((1 - tokens) * NANOS_PER_COMMIT);
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // appenders meanwhile join this commit
                now = System.nanoTime();
                tokens = Math.min(BURST, tokens + (now - refilledAt) / (double) NANOS_PER_COMMIT);
                refilledAt = now;
            }
            tokens = Math.max(0, tokens - 1);
            // Not lastSeq: an appender may have taken a number without having put its entry yet.
            long through = publishedSeq;
            store.commit();
            committedSeq = through;
        }
    }

    private static String pad(long seq) {
        String s = Long.toString(seq);
        return "0".repeat(19 - s.length()) + s;
    }

    @Override
    public List<AuditEntry> query(AuditQuery q) {
        List<AuditEntry> out = new ArrayList<>(Math.min(q.limit(), 256));
        String prefix = q.proposalId().map(p -> "p|" + p + "|")
                .or(() -> q.target().map(t -> "t|" + t + "|"))
                .or(() -> q.capability().map(c -> "c|" + c + "|"))
                .orElse(null);
        if (prefix == null) {
            for (Long k = entries.lastKey(); k != null && out.size() < q.limit(); k = entries.lowerKey(k)) {
                if (!take(q, entries.get(k), out)) {
                    break;
                }
            }
        } else {
            for (String k = index.lowerKey(prefix + '~'); k != null && k.startsWith(prefix) && out.size() < q.limit();
                 k = index.lowerKey(k)) {
                Long seq = index.get(k);
                if (seq == null) {
                    continue; // pruned meanwhile
                }
                if (!take(q, entries.get(seq), out)) {
                    break;
                }
            }
        }
        return out;
    }

    /** Adds the entry if it matches; false once entries are older than the query's start (stop scanning). */
    private boolean take(AuditQuery q, String text, List<AuditEntry> out) {
        if (text == null) {
            return true;
        }
        AuditEntry e = codec.entry(text);
        Optional<Instant> from = q.from();
        if (from.isPresent() && e.time().isBefore(from.get())) {
            return false;
        }
        if (q.to().isPresent() && e.time().isAfter(q.to().get())) {
            return true;
        }
        if (q.capability().isPresent() && !q.capability().get().equals(e.capability())
                || q.target().isPresent() && !q.target().get().equals(e.target())
                || q.proposalId().isPresent() && !q.proposalId().get().equals(e.proposalId())) {
            return true;
        }
        out.add(e);
        return true;
    }

    @Override
    public long size() {
        return entries.sizeAsLong();
    }

    /**
     * Forgets the oldest entries that are beyond the retention — older than {@code olderThan} (epoch ms) or past
     * the newest {@code maxEntries} — except those of a proposal that {@code needed} still names (queued, being
     * applied, applied, or still answered by {@code state(id)}). Visits at most {@code budget} entries, in batches
     * of {@value #PRUNE_BATCH} under the append lock (so appends wait for one batch at most), and goes on where it
     * stopped at the next call; once it reached the entries within the retention, the next call starts again from
     * the oldest (entries needed before may be free by then). Commits with the next append or {@link
     * ControlDatabase#maintain()}.
     *
     * @return how many entries were removed
     */
    public int prune(long olderThan, long maxEntries, Predicate<String> needed, int budget) {
        synchronized (pruneLock) {
            int removed = 0;
            int visited = 0;
            boolean done = false;
            while (!done && visited < budget) {
                synchronized (appendLock) { // no append renumbers meanwhile
                    long size = entries.sizeAsLong();
                    Long k = pruneCursor == 0 ? entries.firstKey() : entries.higherKey(pruneCursor);
                    for (int n = 0; n < PRUNE_BATCH && visited < budget; n++, visited++) {
                        if (k == null || k == lastSeq) {
                            done = true; // the newest stays: its number is where the next append goes on
                            break;
                        }
                        AuditEntry e = codec.entry(entries.get(k));
                        if (size - removed <= maxEntries && e.time().toEpochMilli() >= olderThan) {
                            done = true; // in time order: the rest is within the retention
                            break;
                        }
                        if (e.proposalId().isEmpty() || !needed.test(e.proposalId())) {
                            remove(k, e);
                            removed++;
                        }
                        pruneCursor = k;
                        k = entries.higherKey(k);
                    }
                }
            }
            if (done) {
                pruneCursor = 0;
            }
            return removed;
        }
    }

    private void remove(long k, AuditEntry e) {
        entries.remove(k);
        String seq = pad(k);
        if (!e.proposalId().isEmpty()) {
            index.remove("p|" + e.proposalId() + "|" + seq);
        }
        if (!e.target().isEmpty()) {
            index.remove("t|" + e.target() + "|" + seq);
        }
        if (!e.capability().isEmpty()) {
            index.remove("c|" + e.capability() + "|" + seq);
        }
    }
}
