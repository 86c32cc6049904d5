package dev.autonomy.control.core;

import java.time.Instant;

/** The reasons people read in decisions, the journal and the shell. */
public final class Reasons {

    private Reasons() {
    }

    public static String time(long epochMillis) {
        return epochMillis == Long.MAX_VALUE ? "never (limit 0)" : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** {@code "in 12 min"}, {@code "in 40 s"} or {@code "now"}. */
    public static String in(long from, long to) {
        if (to == Long.MAX_VALUE) {
            return "never";
        }
        long s = Math.max(0, (to - from + 999) / 1000);
        if (s == 0) {
            return "now";
        }
        return s < 120 ? "in " + s + " s" : "in " + ((s + 59) / 60) + " min";
    }

    public static String halted(String reason, String actor, long since) {
        return "autonomy is halted since " + time(since) + " by " + actor + " (" + reason
                + "); nothing is approved until the operator runs autonomy:resume";
    }

    public static String paused(String capability, String why) {
        return "capability " + capability + " is paused (" + why + "); the operator resumes it with autonomy:resume "
                + capability;
    }

    public static String off(String capability, String kind, String key) {
        return "mode of " + capability + "." + kind + " is off (key " + key + ")";
    }

    public static String leased(Lease lease, long now) {
        return "target " + lease.target() + " is leased by capability " + lease.capability() + " (proposal "
                + lease.proposalId() + ") until " + time(lease.expiresAt()) + " (" + in(now, lease.expiresAt()) + ")";
    }

    public static String overBudget(String budget, int limit, String per, long nextFree, long now) {
        return "budget " + budget + " exhausted: " + limit + " " + per + "; room again at " + time(nextFree) + " ("
                + in(now, nextFree) + ")";
    }

    public static String noExecutor(String capability) {
        return "no executor for capability " + capability + " (its bundle is stopped or gone)";
    }

    public static String queued(String key) {
        return "queued for a person's approval (mode suggest, key " + key + ")";
    }

    public static String auto(String key) {
        return "approved (mode auto, key " + key + ")";
    }

    public static String runawayRollbacks(String target, int count, long windowMinutes) {
        return count + " rollbacks of " + target + " within " + windowMinutes + " min";
    }

    public static String runawayNoGain(int count) {
        return count + " validations in a row without gain";
    }
}
