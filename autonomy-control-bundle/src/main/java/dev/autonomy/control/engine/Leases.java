package dev.autonomy.control.engine;

import dev.autonomy.api.action.FailureCode;
import dev.autonomy.control.core.Lease;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.core.Refusal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leases on targets: one open experiment per target, and at most {@code maxConcurrentExperiments} at once.
 * Guarded by the governor's lock.
 */
final class Leases {

    private final Map<String, Lease> byTarget = new HashMap<>();
    private long nextExpiry = Long.MAX_VALUE;

    /** Why an action on {@code target} cannot start now: another holder, or too many experiments open. */
    Optional<Refusal> check(String target, boolean reversible, int maxOpen, long now) {
        Lease held = byTarget.get(target);
        if (held != null && held.activeAt(now)) {
            return Optional.of(new Refusal(FailureCode.TARGET_LEASED, Reasons.leased(held, now)));
        }
        if (reversible && byTarget.size() >= maxOpen) {
            return Optional.of(new Refusal(FailureCode.OVER_BUDGET, "budget maxConcurrentExperiments exhausted: "
                    + maxOpen + " open at once; room again when one is validated, rolled back or released, at the "
                    + "latest at " + Reasons.time(nextExpiry) + " (" + Reasons.in(now, nextExpiry) + ")"));
        }
        return Optional.empty();
    }

    /** The active lease on {@code target} held by another proposal than {@code proposalId}. */
    Optional<Lease> heldByOther(String target, String proposalId, long now) {
        Lease held = byTarget.get(target);
        return held != null && held.activeAt(now) && !held.proposalId().equals(proposalId)
                ? Optional.of(held) : Optional.empty();
    }

    void put(Lease lease) {
        byTarget.put(lease.target(), lease);
        nextExpiry = Math.min(nextExpiry, lease.expiresAt());
    }

    /** Removes {@code lease} if it still holds its target. */
    void remove(Lease lease) {
        byTarget.remove(lease.target(), lease);
    }

    /** Replaces {@code old} by {@code renewed} if {@code old} still holds its target. */
    boolean renew(Lease old, Lease renewed) {
        if (!byTarget.replace(old.target(), old, renewed)) {
            return false;
        }
        nextExpiry = Math.min(nextExpiry, renewed.expiresAt());
        return true;
    }

    boolean holds(Lease lease) {
        return lease != null && lease.equals(byTarget.get(lease.target()));
    }

    /** Removes and returns the leases whose time is up at {@code now}. */
    List<Lease> expireDue(long now) {
        if (now < nextExpiry) {
            return List.of();
        }
        List<Lease> out = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (Iterator<Lease> it = byTarget.values().iterator(); it.hasNext(); ) {
            Lease l = it.next();
            if (l.activeAt(now)) {
                next = Math.min(next, l.expiresAt());
            } else {
                it.remove();
                out.add(l);
            }
        }
        nextExpiry = next;
        return out;
    }

    List<Lease> active(long now) {
        return byTarget.values().stream().filter(l -> l.activeAt(now)).toList();
    }

    /** When the first lease runs out (for the experiments budget's "room again at"). */
    long nextExpiry() {
        return nextExpiry;
    }
}
