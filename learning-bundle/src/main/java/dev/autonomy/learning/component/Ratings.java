package dev.autonomy.learning.component;

import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.core.PreferenceRecheck;
import dev.autonomy.learning.core.Providers;
import dev.autonomy.learning.store.ExperienceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Ratings and forgetting: {@code learn_feedback} (a person's rating of a request or a provider) and {@code forget}
 * (a session's experiences deleted), with what a forgotten session's ratings had taught re-checked at the next cycle.
 *
 * <p>Lock: {@code ratingsLock} guards each session's recent rating times (the rate limit). The providers learning
 * saw and those to re-check are concurrent on their own.
 */
final class Ratings {

    /** Most ratings one session may give in a minute. */
    static final int MAX_RATINGS_PER_MINUTE = 30;
    /** Sessions whose recent ratings are counted (the least recently rating ones are forgotten first). */
    static final int RATING_SESSIONS = 10_000;
    /** How long a rating may wait for room in the store's queue, and for its commit, at most. */
    static final Duration FEEDBACK_QUEUE_WAIT = Duration.ofSeconds(2);
    static final Duration FEEDBACK_DEADLINE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Ratings.class);

    private final Intake intake;
    private final ExperienceStore store;
    private final AdaptationBook book;
    private final LearningEnvironment env;
    private final Clock clock;
    private final Supplier<LearningOptions> options;
    private final Runnable readRecentRequests;

    private final Object ratingsLock = new Object();
    /** Each session's rating times (ms), for the rate limit. */
    private final LinkedHashMap<String, ArrayDeque<Long>> ratingsBySession = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
            return size() > RATING_SESSIONS;
        }
    }; // ratingsLock
    /** Providers learning saw at its last cycle (tool:, agent:), for checking rated providers. */
    private volatile Set<String> seenProviders = Set.of();
    /** Providers rated in forgotten sessions: their learned preferences are re-checked at the next cycle. */
    private final Set<String> preferencesToRecheck = ConcurrentHashMap.newKeySet();
    private final AtomicLong feedbacks = new AtomicLong();

    /**
     * @param readRecentRequests fills the intake's memory of recent requests from the store, when a start has not
     *                           done so yet (the learner's analysis on demand)
     */
    Ratings(Intake intake, ExperienceStore store, AdaptationBook book, LearningEnvironment env, Clock clock,
            Supplier<LearningOptions> options, Runnable readRecentRequests) {
        this.intake = intake;
        this.store = store;
        this.book = book;
        this.env = env;
        this.clock = clock;
        this.options = options;
        this.readRecentRequests = readRecentRequests;
    }

    /**
     * A person's rating of a request (by the id from a result's {@code _meta}) or of a provider; acknowledged once
     * stored durably. A rating of a routed request counts for the agent that served it.
     *
     * <ul>
     *   <li>A request is found in memory (the {@value Intake#RECENT_REQUESTS} most recent, read from the store at
     *       a start), and only among the requests of the caller's own session: nobody rates, or learns the
     *       provider of, another session's request.</li>
     *   <li>A provider must name a tool or an agent that runs, or one learning has seen.</li>
     *   <li>A session gives at most {@value #MAX_RATINGS_PER_MINUTE} ratings a minute.</li>
     *   <li>The call never waits long for the store: when its queue stays full, or the commit does not come within
     *       {@code FEEDBACK_DEADLINE}, the answer says that learning is busy.</li>
     * </ul>
     *
     * @param sessionId the caller's session ({@code call.context().request().sessionId()})
     * @throws IllegalArgumentException with a message for the person, when the input is wrong or the request unknown
     * @throws IllegalStateException    with a message for the person, when learning is busy or the session rates
     *                                  too often
     */
    Map<String, Object> feedback(String sessionId, String requestId, String provider, int rating, String comment) {
        LearningOptions o = options.get();
        String session = sessionId == null ? "" : sessionId;
        String rid = requestId == null ? "" : requestId.strip();
        String p = provider == null ? "" : provider.strip();
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1..5 (1 = bad, 3 = neutral, 5 = good), was " + rating);
        }
        if (rid.isEmpty() && p.isEmpty()) {
            throw new IllegalArgumentException("give the requestId of a result (its _meta \"dev.autonomy/requestId\")"
                    + " or a provider (tool:<name> or agent:<id>)");
        }
        if (!p.isEmpty() && !(Providers.isTool(p) || Providers.isAgent(p)) || p.length() > 200) {
            throw new IllegalArgumentException("provider must be tool:<name> or agent:<id>, was '"
                    + (p.length() > 60 ? p.substring(0, 60) + "…" : p) + "'");
        }
        if (!rid.isEmpty()) {
            Optional<Intake.Recent> r = recentRequest(rid).filter(x -> x.sessionId().equals(session));
            if (r.isEmpty()) {
                throw new IllegalArgumentException("no request " + (rid.length() > 60 ? rid.substring(0, 60) + "…"
                        : rid) + " is known to learning in this session (too old, forgotten, made in another "
                        + "session, or not a tool call); rate a provider instead");
            }
            if (p.isEmpty()) {
                p = r.get().provider();
            }
        }
        if (!p.isEmpty() && !knownProvider(p)) {
            throw new IllegalArgumentException("no provider '" + p + "' is known: name a tool or an agent that runs, "
                    + "or one learning has seen");
        }
        admitRating(session);
        LearningExperience x = LearningExperience.feedback(clock.instant(), sessionId, rid, p, rating,
                o.keepRawValues() ? comment : null);
        long seq;
        try {
            seq = intake.append(x, FEEDBACK_QUEUE_WAIT).get(FEEDBACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the rating");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExperienceStore.Busy) {
                throw new IllegalStateException("learning is busy: the rating was not recorded; try again in a "
                        + "moment");
            }
            throw new IllegalStateException("the rating could not be stored");
        } catch (TimeoutException e) {
            throw new IllegalStateException("learning is busy: the rating is queued but not stored yet (it is "
                    + "recorded unless the server stops first); no need to send it again");
        }
        feedbacks.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        if (!rid.isEmpty()) {
            m.put("requestId", rid);
        }
        m.put("provider", p);
        m.put("rating", rating);
        m.put("commentKept", o.keepRawValues() && comment != null && !comment.isBlank());
        m.put("sequence", seq);
        return m;
    }

    /**
     * A recent request from memory. Right after a start the memory may not be filled from the store yet (the start
     * does so at once, on the cycle thread): then it is filled first, once, by the analysis on demand.
     */
    private Optional<Intake.Recent> recentRequest(String requestId) {
        Optional<Intake.Recent> r = intake.recentRequest(requestId);
        if (r.isEmpty() && intake.needsWarming()) {
            readRecentRequests.run();
            r = intake.recentRequest(requestId);
        }
        return r;
    }

    /** Whether a provider names a live tool, a live agent, or one learning has seen. */
    private boolean knownProvider(String provider) {
        String name = Providers.name(provider);
        if (Providers.isTool(provider) && env.tools().containsKey(name)) {
            return true;
        }
        if (Providers.isAgent(provider)) {
            for (List<String> ids : env.agentsByCapability().values()) {
                if (ids.contains(name)) {
                    return true;
                }
            }
        }
        return seenProviders.contains(provider) || intake.recentlyServed(provider);
    }

    /** Counts a rating of a session against its limit per minute; throws when the session is over it. */
    private void admitRating(String session) {
        long now = clock.millis();
        synchronized (ratingsLock) {
            ArrayDeque<Long> times = ratingsBySession.computeIfAbsent(session, k -> new ArrayDeque<>());
            while (!times.isEmpty() && times.peekFirst() <= now - 60_000) {
                times.removeFirst();
            }
            if (times.size() >= MAX_RATINGS_PER_MINUTE) {
                throw new IllegalStateException("too many ratings from this session: at most "
                        + MAX_RATINGS_PER_MINUTE + " a minute; try again in a minute");
            }
            times.addLast(now);
        }
    }

    /**
     * Deletes every experience of a session and what learning holds of it in memory (its recent requests, routing
     * decisions waiting for their outcome, its rating count); returns how many experiences. Patterns drop them
     * within seconds, and learned preferences its ratings supported are re-checked at the next cycle against the
     * ratings left (withdrawn when they no longer hold).
     *
     * <p>The governor's audit journal is append-only and is not changed: it keeps what learning proposed and what
     * was decided — provider names, counts, mean ratings and the evidence of experiments — but no session or
     * request ids, so nothing in it points back to the forgotten session.
     */
    long forget(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("give a session id");
        }
        intake.forget(sessionId);
        synchronized (ratingsLock) {
            ratingsBySession.remove(sessionId);
        }
        Set<String> rated = new HashSet<>();
        long n = store.forgetSession(sessionId, x -> {
            if (x.kind() == ExperienceKind.FEEDBACK && !x.provider().isEmpty()) {
                rated.add(x.provider());
            }
        });
        preferencesToRecheck.addAll(rated);
        LOG.info("Learning forgot session {}: {} experiences deleted", sessionId, n);
        return n;
    }

    /** The providers a cycle's patterns name: a rating may name them even when they no longer run. */
    void seen(InteractionPatterns patterns) {
        seenProviders = Providers.named(patterns);
    }

    /**
     * Learned preferences that ratings of a forgotten session supported are re-checked against the current
     * knowledge (see {@link PreferenceRecheck}); the book's note says how many were withdrawn.
     */
    void recheckPreferences(ActionableKnowledge knowledge) {
        if (preferencesToRecheck.isEmpty()) {
            return;
        }
        Set<String> providers = new HashSet<>(preferencesToRecheck);
        preferencesToRecheck.removeAll(providers);
        for (PreferenceRecheck.Change c : PreferenceRecheck.recheck(book.all(), providers, knowledge)) {
            book.update(c.adaptationId(), e -> e.with(e.adaptation().withPayload(c.payload())).withNote(e.note()
                    + " (preferences re-checked after a session was forgotten: " + c.withdrawn() + " withdrawn)"));
            LOG.info("Learning re-checked the preferences of {} after a session was forgotten: {} withdrawn",
                    c.adaptationId(), c.withdrawn());
        }
    }

    long feedbacks() {
        return feedbacks.get();
    }
}
