package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.learning.core.ExperienceCollector;
import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.InputFeatures;
import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.core.Providers;
import dev.autonomy.learning.store.ExperienceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Intake: session events become experiences in the store (a routing decision waits for its request's outcome), and
 * the most recent requests are remembered with their provider and session, for ratings that name a request.
 *
 * <p>Lock: {@code intakeLock} guards the routing decisions waiting for their outcome, the recent requests, and
 * their filling from the store. Nothing is called out of this class while it is held but the pure collector.
 */
final class Intake {

    /**
     * Most request ids remembered with their provider and session, for feedback on recent requests: feedback names
     * a request from memory (no store scan on the request path, but once after a start if the start's own read
     * has not filled the memory from the store yet).
     */
    static final int RECENT_REQUESTS = 10_000;
    /** The per-installation secret of the keyed hashes (capability gaps without raw values), in the data folder. */
    static final String SECRET_FILE = "secret.key";
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    /** A recent request: the provider a rating of it is about (its routed agent, else its tool) and its session. */
    record Recent(String provider, String sessionId) {
    }

    private final ExperienceStore store;
    private final Clock clock;
    private final Supplier<LearningOptions> options;
    private final byte[] secret;

    private final Object intakeLock = new Object();
    private final LinkedHashMap<String, SessionEvent> pendingRouted = new LinkedHashMap<>(); // intakeLock
    private final LinkedHashMap<String, Recent> recent = recentRequests(); // intakeLock
    /** Whether the recent requests were filled from the store since the start (by the first analysis). */
    private volatile boolean recentWarm; // written under intakeLock
    /** Sessions forgotten before the recent requests were filled from the store (kept out of them). */
    private final Set<String> forgottenBeforeWarm = ConcurrentHashMap.newKeySet();

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong experiences = new AtomicLong();
    private final AtomicLong appendFailures = new AtomicLong();
    private final AtomicLong droppedPending = new AtomicLong();
    private volatile long lastAppendErrorLog;

    Intake(ExperienceStore store, Clock clock, Supplier<LearningOptions> options, byte[] secret) {
        this.store = store;
        this.clock = clock;
        this.options = options;
        this.secret = secret;
    }

    /** A map of recent requests in arrival order, holding the {@value #RECENT_REQUESTS} newest. */
    static LinkedHashMap<String, Recent> recentRequests() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
                return size() > RECENT_REQUESTS;
            }
        };
    }

    /** One session event, on the handler's thread: experiences go to the store; routing waits for its outcome. */
    void onEvent(SessionEvent e) {
        events.incrementAndGet();
        LearningOptions o = options.get();
        List<LearningExperience> xs;
        synchronized (intakeLock) {
            expirePending(o);
            String rid = e.requestId();
            if (SessionEventTypes.AGENT_ROUTED.equals(e.type()) && !rid.isEmpty()) {
                pendingRouted.remove(rid);
                pendingRouted.put(rid, e);
                while (pendingRouted.size() > o.maxPendingRouted()) {
                    Iterator<String> it = pendingRouted.keySet().iterator();
                    it.next();
                    it.remove();
                    droppedPending.incrementAndGet();
                }
                return;
            }
            boolean end = SessionEventTypes.REQUEST_COMPLETED.equals(e.type())
                    || SessionEventTypes.REQUEST_FAILED.equals(e.type());
            SessionEvent routed = end && !rid.isEmpty() ? pendingRouted.remove(rid) : null;
            xs = ExperienceCollector.collect(routed == null ? List.of() : List.of(routed), List.of(e)).experiences();
            for (LearningExperience x : xs) {
                remember(x);
            }
        }
        for (LearningExperience x : xs) {
            if (x.kind() == ExperienceKind.CAPABILITY_GAP && !o.keepRawValues()) {
                x = anonymousGap(x);
            }
            if (x.kind() == ExperienceKind.FEEDBACK) {
                x = feedbackExperience(x, o);
                if (x == null) {
                    continue;
                }
            }
            append(x);
        }
    }

    /** Remembers a request's provider and session (the routed agent over the tool). Under intakeLock. */
    private void remember(LearningExperience x) {
        if (x.requestId().isEmpty()) {
            return;
        }
        if (x.kind() == ExperienceKind.ROUTING) {
            recent.put(x.requestId(), new Recent(x.provider(), x.sessionId()));
        } else if (x.kind() == ExperienceKind.REQUEST) {
            recent.putIfAbsent(x.requestId(), new Recent(x.provider(), x.sessionId()));
        }
    }

    /**
     * A capability gap without raw values: the capability's name as a keyed hash ({@code #} and 16 hex digits, so
     * that repeated gaps of one capability still group, while the name cannot be read back), and of the input only
     * how many fields it had and of which JSON types — no field names.
     */
    private LearningExperience anonymousGap(LearningExperience x) {
        String hashed = x.capability().isEmpty() ? "" : "#" + InputFeatures.keyedHash(secret, x.capability());
        Map<String, Object> features = new LinkedHashMap<>();
        Object shape = x.inputFeatures().get(InputFeatures.SHAPE);
        if (shape instanceof Map) {
            features.putAll(InputFeatures.anonymousShape((Map<?, ?>) shape));
        }
        return new LearningExperience(x.sequence(), x.time(), x.sessionId(), x.requestId(), x.kind(),
                Providers.capability(hashed), hashed, x.outcome(), x.errorClass(), x.latencyMicros(), x.inputBytes(),
                x.inputFingerprint(), features, x.rating(), x.propensity(), x.candidates());
    }

    /** Drops routing decisions that waited too long for their outcome. Under intakeLock. */
    private void expirePending(LearningOptions o) {
        if (pendingRouted.isEmpty()) {
            return;
        }
        Instant oldest = clock.instant().minus(o.pendingRoutedMaxAge());
        Iterator<SessionEvent> it = pendingRouted.values().iterator();
        while (it.hasNext()) {
            SessionEvent e = it.next();
            if (!e.time().isBefore(oldest)) {
                break; // insertion order is arrival order
            }
            it.remove();
            droppedPending.incrementAndGet();
        }
    }

    /** A feedback event's experience with its provider resolved and its comment dropped unless raw values are kept. */
    private LearningExperience feedbackExperience(LearningExperience x, LearningOptions o) {
        String provider = x.provider();
        if (provider.isEmpty() && !x.requestId().isEmpty()) {
            provider = recentRequest(x.requestId()).map(Recent::provider).orElse("");
        }
        if (provider.isEmpty()) {
            return null; // nothing to attribute it to
        }
        Object comment = x.inputFeatures().get(InputFeatures.COMMENT);
        return LearningExperience.feedback(x.time(), x.sessionId(), x.requestId(), provider, x.rating(),
                o.keepRawValues() && comment instanceof String ? (String) comment : null);
    }

    private CompletableFuture<Long> append(LearningExperience x) {
        return counted(store.append(x));
    }

    /** Appends an experience, waiting at most {@code wait} for room in the store's queue; counted like events. */
    CompletableFuture<Long> append(LearningExperience x, Duration wait) {
        return counted(store.append(x, wait));
    }

    /** Counts an append's outcome (and logs failures at most once a minute). */
    private CompletableFuture<Long> counted(CompletableFuture<Long> f) {
        f.whenComplete((seq, err) -> {
            if (err == null) {
                experiences.incrementAndGet();
                return;
            }
            appendFailures.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastAppendErrorLog > TimeUnit.MINUTES.toNanos(1)) {
                lastAppendErrorLog = now;
                LOG.warn("Learning: an experience could not be stored ({} so far): {}", appendFailures.get(),
                        err.toString());
            }
        });
        return f;
    }

    /** A recent request, from memory only (never a store scan: this runs on a person's request). */
    Optional<Recent> recentRequest(String requestId) {
        synchronized (intakeLock) {
            return Optional.ofNullable(recent.get(requestId));
        }
    }

    /** Whether a recent request was served by {@code provider}. */
    boolean recentlyServed(String provider) {
        synchronized (intakeLock) {
            for (Recent r : recent.values()) {
                if (r.provider().equals(provider)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Forgets a session's recent requests and its routing decisions waiting for their outcome. */
    void forget(String sessionId) {
        synchronized (intakeLock) {
            if (!recentWarm) {
                forgottenBeforeWarm.add(sessionId);
            }
            pendingRouted.values().removeIf(e -> sessionId.equals(e.sessionId()));
            recent.values().removeIf(r -> sessionId.equals(r.sessionId()));
        }
    }

    /** Whether the recent requests are still to be filled from the store (by the next analysis's scan). */
    boolean needsWarming() {
        return !recentWarm;
    }

    /** Adds a stored request to the recent ones being filled from the store (newest last, the routed agent first). */
    static void warm(LinkedHashMap<String, Recent> warmed, LearningExperience x) {
        if (x.kind() == ExperienceKind.ROUTING) {
            warmed.remove(x.requestId());
            warmed.put(x.requestId(), new Recent(x.provider(), x.sessionId()));
        } else if (x.kind() == ExperienceKind.REQUEST && !warmed.containsKey(x.requestId())) {
            warmed.put(x.requestId(), new Recent(x.provider(), x.sessionId()));
        }
    }

    /**
     * Takes the recent requests read from the store; what arrived meanwhile is newer and wins. Only the first of
     * two analyses that read them at once (a cycle's and one on demand) fills the memory: the second's could bring
     * back a session forgotten in between.
     */
    void warmed(LinkedHashMap<String, Recent> warmed) {
        synchronized (intakeLock) { // (forget removes under the same lock: nothing forgotten comes back)
            if (recentWarm) {
                return;
            }
            warmed.values().removeIf(r -> forgottenBeforeWarm.contains(r.sessionId()));
            LinkedHashMap<String, Recent> merged = new LinkedHashMap<>(warmed);
            merged.putAll(recent);
            recent.clear();
            recent.putAll(merged);
            recentWarm = true;
            forgottenBeforeWarm.clear();
        }
    }

    int routingDecisionsWaiting() {
        synchronized (intakeLock) {
            return pendingRouted.size();
        }
    }

    long events() {
        return events.get();
    }

    long experiences() {
        return experiences.get();
    }

    long appendFailures() {
        return appendFailures.get();
    }

    long routingDecisionsDropped() {
        return droppedPending.get();
    }

    /** The installation's secret for keyed hashes: read, or made (32 random bytes, readable by the owner only). */
    static byte[] secret(Path dir) throws IOException {
        Path file = dir.resolve(SECRET_FILE);
        if (Files.exists(file)) {
            byte[] b = Files.readAllBytes(file);
            if (b.length >= 16) {
                return b;
            }
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        Path tmp = dir.resolve(SECRET_FILE + ".tmp");
        Files.write(tmp, b);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own protection applies
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return b;
    }
}
