package dev.autonomy.control.core;

/**
 * How long the audit journal keeps entries: at most {@code days} old and at most {@code maxEntries} of them, the
 * oldest going first — except the entries of proposals the governor still needs (queued, applied, or still answered
 * by {@code state(id)}).
 */
public record Retention(int days, long maxEntries) {

    /** A year, and a million entries (a few hundred MiB at most). */
    public static final Retention DEFAULTS = new Retention(365, 1_000_000);

    public Retention {
        if (days < 1 || days > 36_500) {
            throw new IllegalArgumentException("auditRetentionDays must be 1..36500, was " + days);
        }
        if (maxEntries < 1_000 || maxEntries > 1_000_000_000L) {
            throw new IllegalArgumentException("auditMaxEntries must be 1000..1000000000, was " + maxEntries);
        }
    }

    /** Entries older than this (epoch ms) are beyond the retention at {@code now}. */
    public long cutoff(long now) {
        return now - days * 86_400_000L;
    }
}
