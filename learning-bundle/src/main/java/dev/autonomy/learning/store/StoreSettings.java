package dev.autonomy.learning.store;

import java.time.Duration;

/**
 * Validated settings of the experience store.
 *
 * @param groupCommitMillis  a commit happens at most this often (0 = after every batch), 0..1000; default 10
 * @param batchSize          a batch this large is committed at once, without waiting, 1..1000000; default 4096
 * @param queueCapacity      appends waiting for the writer; a full queue makes {@code append} wait, 1..10000000;
 *                           default 65536
 * @param maxEntries         retention: most experiences kept (the oldest go first), ≥ 1; default 5,000,000
 * @param maxAge             retention: experiences older than this go, positive; default 30 days
 * @param sync               force the file to disk before acknowledging (survives power loss, not only
 *                           {@code kill -9}); default true
 * @param retentionEveryMillis how often retention runs, ≥ 1; default 1000
 * @param maxDeletesPerRound most experiences retention deletes per round (a round holds up the
 *                           appends waiting for their commit: keep it short), ≥ 1; default 5000; a full round is
 *                           followed by another at once
 */
public record StoreSettings(int groupCommitMillis, int batchSize, int queueCapacity, long maxEntries, Duration maxAge,
                            boolean sync, long retentionEveryMillis, int maxDeletesPerRound) {

    public static final StoreSettings DEFAULTS = new StoreSettings(10, 4096, 65_536, 5_000_000, Duration.ofDays(30),
            true, 1000, 5_000);

    public StoreSettings {
        if (groupCommitMillis < 0 || groupCommitMillis > 1000) {
            throw new IllegalArgumentException("groupCommitMillis must be 0..1000, was " + groupCommitMillis);
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batchSize must be 1..1000000, was " + batchSize);
        }
        if (queueCapacity < 1 || queueCapacity > 10_000_000) {
            throw new IllegalArgumentException("queueCapacity must be 1..10000000, was " + queueCapacity);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (retentionEveryMillis < 1) {
            throw new IllegalArgumentException("retentionEveryMillis must be >= 1, was " + retentionEveryMillis);
        }
        if (maxDeletesPerRound < 1) {
            throw new IllegalArgumentException("maxDeletesPerRound must be >= 1, was " + maxDeletesPerRound);
        }
    }

    public StoreSettings withGroupCommitMillis(int v) {
        return new StoreSettings(v, batchSize, queueCapacity, maxEntries, maxAge, sync, retentionEveryMillis,
                maxDeletesPerRound);
    }

    public StoreSettings withBatchSize(int v) {
        return new StoreSettings(groupCommitMillis, v, queueCapacity, maxEntries, maxAge, sync, retentionEveryMillis,
                maxDeletesPerRound);
    }

    public StoreSettings withQueueCapacity(int v) {
        return new StoreSettings(groupCommitMillis, batchSize, v, maxEntries, maxAge, sync, retentionEveryMillis,
                maxDeletesPerRound);
    }

    public StoreSettings withMaxEntries(long v) {
        return new StoreSettings(groupCommitMillis, batchSize, queueCapacity, v, maxAge, sync, retentionEveryMillis,
                maxDeletesPerRound);
    }

    public StoreSettings withMaxAge(Duration v) {
        return new StoreSettings(groupCommitMillis, batchSize, queueCapacity, maxEntries, v, sync,
                retentionEveryMillis, maxDeletesPerRound);
    }

    public StoreSettings withSync(boolean v) {
        return new StoreSettings(groupCommitMillis, batchSize, queueCapacity, maxEntries, maxAge, v,
                retentionEveryMillis, maxDeletesPerRound);
    }

    public StoreSettings withRetentionEveryMillis(long v) {
        return new StoreSettings(groupCommitMillis, batchSize, queueCapacity, maxEntries, maxAge, sync, v,
                maxDeletesPerRound);
    }

    public StoreSettings withMaxDeletesPerRound(int v) {
        return new StoreSettings(groupCommitMillis, batchSize, queueCapacity, maxEntries, maxAge, sync,
                retentionEveryMillis, v);
    }
}
