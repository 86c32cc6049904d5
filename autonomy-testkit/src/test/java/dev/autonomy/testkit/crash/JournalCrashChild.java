package dev.autonomy.testkit.crash;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.control.store.ControlDatabase;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link JournalCrashTest}: four threads append to the journal and print each acknowledged sequence
 * number, until the parent kills the process.
 */
public final class JournalCrashChild {

    private JournalCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        ControlDatabase db = ControlDatabase.open(Path.of(args[0]), Clock.systemUTC());
        PrintStream out = new PrintStream(System.out, false, "US-ASCII");
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int n = t;
            threads[t] = new Thread(() -> {
                for (long i = 0; ; i++) {
                    List<AuditEntry> acked = db.journal().append(List.of(AuditEntry.draft(AuditEntry.Type.PROPOSED,
                            "t" + n + "-" + i, "learning", "tool.policy", "tool:x", Actor.capability("learning"),
                            "crash test", Map.of("i", i))));
                    synchronized (out) {
                        out.println(acked.get(0).sequence());
                        out.flush();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
