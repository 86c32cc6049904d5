package dev.autonomy.creator.propose;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What creations came to: the counters of the capability's status, the history under {@code data/}, and the
 * {@code agent_created} / {@code agent_creation_failed} events.
 */
public final class CreationLedger {

    private static final Logger LOG = LoggerFactory.getLogger(CreationLedger.class);

    private final AgentStore store;
    private final Supplier<SessionEvents> events;
    private final Clock clock;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();

    public CreationLedger(AgentStore store, Supplier<SessionEvents> events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** A creation failed (or was refused or rejected): counted, written to the history, announced. */
    public CreateOutcome failed(CreateOutcome out, String origin, Actor actor) {
        failed.incrementAndGet();
        history(out.toJson(), origin, actor);
        publish(CreationActions.AGENT_CREATION_FAILED, Map.of("agentId", out.id(), "stage", out.failedStage(),
                "reason", out.reason()));
        return out;
    }

    /** An approved creation did not deploy: counted and announced. */
    void deployFailed(String id, Object stage, String reason) {
        failed.incrementAndGet();
        publish(CreationActions.AGENT_CREATION_FAILED, Map.of("agentId", id, "stage", stage, "reason", reason));
    }

    /** An agent serves: counted and announced. */
    void created(String id, int revision, Object capabilities) {
        created.incrementAndGet();
        publish(CreationActions.AGENT_CREATED, Map.of("agentId", id, "revision", revision, "capabilities",
                capabilities));
    }

    void rolledBack() {
        rolledBack.incrementAndGet();
    }

    /** Counts a governor's decision that queued or rejected a proposal. */
    public Decision count(Decision d) {
        switch (d.outcome()) {
            case QUEUED -> queued.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            default -> {
            }
        }
        return d;
    }

    /** Appends one line to the history: its time, origin and actor, the entry, at most five of its details. */
    public void history(Map<String, Object> entry, String origin, Actor actor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", clock.instant().toString());
        m.put("origin", origin);
        m.put("actor", actor.toString());
        entry.forEach((k, v) -> {
            if (!"details".equals(k)) {
                m.put(k, v);
            }
        });
        Object details = entry.get("details");
        if (details instanceof List && !((List<?>) details).isEmpty()) {
            m.put("details", ((List<?>) details).subList(0, Math.min(5, ((List<?>) details).size())));
        }
        try {
            store.appendHistory(m);
        } catch (IOException e) {
            LOG.warn("Could not write the agent creation history: {}", e.toString());
        }
    }

    /** The newest {@code limit} history lines; none if {@code data/} cannot be read. */
    public List<Map<String, Object>> history(int limit) {
        try {
            return store.history(limit);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Adds the counters to a status map. */
    public void putCounts(Map<String, Object> m) {
        m.put("created", created.get());
        m.put("queued", queued.get());
        m.put("rejected", rejected.get());
        m.put("failed", failed.get());
        m.put("rolledBack", rolledBack.get());
    }

    private void publish(String type, Map<String, Object> data) {
        SessionEvents e = events.get();
        if (e != null) {
            e.publish(SessionEvent.of(type, "", clock.instant(), data));
        }
    }
}
