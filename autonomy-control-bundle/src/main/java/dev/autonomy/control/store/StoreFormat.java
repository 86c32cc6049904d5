package dev.autonomy.control.store;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.engine.ControlStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The format of the governor's store, recorded as {@code meta/format}, and the migration of older stores.
 *
 * <p>Format 1 (release 0.1, no {@code meta} entry) kept small state as text in one map {@code state}: {@code halt} =
 * {@code since\tactor\treason}, {@code paused|<cap>}, {@code mode|<key>} ({@code off|suggest|auto}), {@code
 * nogain|<cap>}, {@code gone|<cap>} (epoch ms), {@code rollbacks|<cap>|<target>} (comma-joined epoch ms), and budget
 * history as {@code time\tcap\tkind}. Format 2 keeps one map per kind with typed or JSON values. The migration runs in
 * one commit: a crash during it leaves format 1, migrated again at the next start.
 */
final class StoreFormat {

    static final String META = "meta";
    static final String FORMAT = "format";

    private StoreFormat() {
    }

    /** The format of {@code store}: 0 for a new store, 1 for a store of release 0.1. */
    static int of(MVStore store) {
        if (store.hasMap(META)) {
            String f = store.<String, String>openMap(META).get(FORMAT);
            if (f != null) {
                return Integer.parseInt(f);
            }
        }
        return store.hasMap("state") || store.hasMap("applied") || store.hasMap("approvals")
                || store.hasMap("actions") ? 1 : 0;
    }

    /** Brings {@code store} to {@link ControlStore#FORMAT}; refuses a store written by a newer release. */
    static void migrate(MVStore store, Codec codec) {
        int format = of(store);
        if (format > ControlStore.FORMAT) {
            throw new IllegalStateException("the governor's store has format " + format + ", newer than this "
                    + "release reads (" + ControlStore.FORMAT + "); start the release that wrote it, or move the "
                    + "store away");
        }
        if (format == ControlStore.FORMAT) {
            return;
        }
        if (format == 1) {
            fromOne(store, codec);
        }
        store.<String, String>openMap(META).put(FORMAT, Integer.toString(ControlStore.FORMAT));
        store.commit();
    }

    private static void fromOne(MVStore store, Codec codec) {
        MVMap<String, String> state = store.openMap("state");
        for (Map.Entry<String, String> e : state.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k.equals("halt")) {
                store.<String, String>openMap("halt").put(MvControlStore.HALT, codec.halt(haltOne(v)));
            } else if (k.startsWith("paused|")) {
                store.<String, String>openMap("paused").put(k.substring(7), v);
            } else if (k.startsWith("mode|")) {
                modeOne(v).ifPresent(m -> store.<String, String>openMap("modes").put(k.substring(5), m.name()));
            } else if (k.startsWith("nogain|")) {
                store.<String, Integer>openMap("nogain").put(k.substring(7), (int) number(v, 0));
            } else if (k.startsWith("gone|")) {
                store.<String, Long>openMap("gone").put(k.substring(5), number(v, 0));
            } else if (k.startsWith("rollbacks|")) {
                store.<String, String>openMap("rollbacks").put(k.substring(10), codec.times(timesOne(v)));
            }
        }
        store.removeMap(state);
        MVMap<Long, String> actions = store.openMap("actions");
        for (Map.Entry<Long, String> e : new ArrayList<>(actions.entrySet())) {
            ActionRecord r = actionOne(e.getValue());
            if (r == null) {
                actions.remove(e.getKey());
            } else {
                actions.put(e.getKey(), codec.action(r));
            }
        }
        // approvals and applied were JSON in format 1 already; the fields format 2 adds are optional
    }

    static HaltState haltOne(String v) {
        String[] p = v.split("\t", 3);
        return p.length == 3 ? new HaltState(p[2], p[1], number(p[0], 0)) : new HaltState(v, "unknown", 0);
    }

    static java.util.Optional<Mode> modeOne(String v) {
        try {
            return java.util.Optional.of(Mode.parse(v));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // format 1 ignored such a mode at load too
        }
    }

    static long[] timesOne(String csv) {
        List<Long> out = new ArrayList<>();
        for (String t : csv.split(",")) {
            if (!t.isBlank()) {
                out.add(number(t, 0));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    static ActionRecord actionOne(String v) {
        String[] p = v.split("\t", 3);
        if (p.length != 3) {
            return null;
        }
        try {
            return new ActionRecord(Long.parseLong(p[0]), p[1], p[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long number(String s, long fallback) {
        try {
            return Long.parseLong(s.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
