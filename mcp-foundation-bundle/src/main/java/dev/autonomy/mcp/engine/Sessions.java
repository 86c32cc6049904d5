package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.session.SessionEvents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Open sessions, their recent requests, and the session lifecycle events. */
public final class Sessions {

    private static final class State {
        final String id;
        final McpRequest.ClientInfo client;
        final String transport;
        final Instant started;
        final Deque<McpRequest> recent = new ArrayDeque<>();
        final AtomicLong requests = new AtomicLong();

        State(String id, McpRequest.ClientInfo client, String transport, Instant started) {
            this.id = id;
            this.client = client;
            this.transport = transport;
            this.started = started;
        }
    }

    private final Map<String, State> sessions = new ConcurrentHashMap<>();
    private final SessionEvents events;
    private final Clock clock;
    private volatile int recentLimit;

    public Sessions(SessionEvents events, Clock clock, int recentLimit) {
        this.events = events;
        this.clock = clock;
        this.recentLimit = recentLimit;
    }

    void setRecentLimit(int limit) {
        this.recentLimit = limit;
    }

    public void open(String sessionId, McpRequest.ClientInfo client, String transport) {
        State s = new State(sessionId, client, transport, clock.instant());
        if (sessions.putIfAbsent(sessionId, s) == null && !sessionId.startsWith("internal:")) {
            events.publish(SessionEvent.of(SessionEventTypes.SESSION_STARTED, sessionId, s.started,
                    Map.of(SessionEventTypes.CLIENT_NAME, client.name(), SessionEventTypes.CLIENT_VERSION,
                            client.version(), SessionEventTypes.TRANSPORT, transport)));
        }
    }

    public void close(String sessionId, String reason) {
        State s = sessions.remove(sessionId);
        if (s != null && !sessionId.startsWith("internal:")) {
            events.publish(SessionEvent.of(SessionEventTypes.SESSION_ENDED, sessionId, clock.instant(),
                    Map.of(SessionEventTypes.REASON, reason, SessionEventTypes.REQUESTS, s.requests.get(),
                            SessionEventTypes.TRANSPORT, s.transport)));
        }
    }

    McpRequest.ClientInfo client(String sessionId) {
        State s = sessions.get(sessionId);
        return s == null ? McpRequest.ClientInfo.UNKNOWN : s.client;
    }

    List<McpRequest> recent(String sessionId) {
        State s = sessions.get(sessionId);
        if (s == null) {
            return List.of();
        }
        synchronized (s.recent) {
            return List.copyOf(s.recent);
        }
    }

    void record(McpRequest request) {
        State s = sessions.get(request.sessionId());
        if (s == null) {
            return;
        }
        s.requests.incrementAndGet();
        int limit = recentLimit;
        synchronized (s.recent) {
            s.recent.addLast(request);
            while (s.recent.size() > limit) {
                s.recent.removeFirst();
            }
        }
    }

    public int count() {
        return (int) sessions.keySet().stream().filter(id -> !id.startsWith("internal:")).count();
    }

    public List<Map<String, Object>> describe() {
        return sessions.values().stream().filter(s -> !s.id.startsWith("internal:"))
                .map(s -> Map.<String, Object>of("id", s.id, "client", s.client.name() + " " + s.client.version(),
                        "transport", s.transport, "started", s.started.toString(), "requests", s.requests.get()))
                .toList();
    }
}
