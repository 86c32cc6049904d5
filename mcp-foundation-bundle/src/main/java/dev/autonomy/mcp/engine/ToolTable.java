package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The registered tools by name: of same-named services the highest ranked wins (the others are shadowed until it
 * goes). A change of the winner is announced as {@code tool_registered}/{@code tool_unregistered} and to listeners.
 */
final class ToolTable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolTable.class);

    private final Map<String, RegisteredTool> byName = new ConcurrentHashMap<>();
    private final Map<Long, RegisteredTool> byId = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private final EventBus events;
    private final Clock clock;
    /** Told first of a changed winner: what was kept for the old one (its cached results) must go. */
    private final Consumer<String> replaced;

    ToolTable(EventBus events, Clock clock, Consumer<String> replaced) {
        this.events = events;
        this.clock = clock;
        this.replaced = replaced;
    }

    boolean add(RegisteredTool t) {
        if (t.name() == null || !Tool.NAME_PATTERN.matcher(t.name()).matches()) {
            LOG.error("Tool service {} of bundle {} has an invalid name '{}' (must match {}); ignored",
                    t.serviceId(), t.bundleName(), t.name(), Tool.NAME_PATTERN);
            return false;
        }
        byId.put(t.serviceId(), t);
        recompute(t.name());
        return true;
    }

    void remove(long serviceId) {
        RegisteredTool t = byId.remove(serviceId);
        if (t != null) {
            recompute(t.name());
        }
    }

    private synchronized void recompute(String name) {
        RegisteredTool best = null;
        for (RegisteredTool t : byId.values()) {
            if (t.name().equals(name) && (best == null || t.outranks(best))) {
                best = t;
            }
        }
        RegisteredTool previous = best == null ? byName.remove(name) : byName.put(name, best);
        if (previous == best) {
            return;
        }
        if (best != null && previous != null) {
            LOG.warn("Tool {} of bundle {} now shadows the one of bundle {}", name, best.bundleName(),
                    previous.bundleName());
        }
        replaced.accept(name);
        String type = best == null ? SessionEventTypes.TOOL_UNREGISTERED : SessionEventTypes.TOOL_REGISTERED;
        events.publish(SessionEvent.of(type, "", clock.instant(), Map.of(SessionEventTypes.TOOL, name)));
        for (Consumer<Set<String>> l : listeners) {
            l.accept(Set.of(name));
        }
    }

    void addListener(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Set<String>> listener) {
        listeners.remove(listener);
    }

    /** Sorted by name. */
    List<RegisteredTool> all() {
        List<RegisteredTool> list = new ArrayList<>(byName.values());
        list.sort(Comparator.comparing(RegisteredTool::name));
        return list;
    }

    Optional<RegisteredTool> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
