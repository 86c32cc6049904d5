package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.session.SessionEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers session events to handlers. Each handler has its own bounded FIFO queue and its own thread, so a slow or
 * failing handler delays nobody; publishing never blocks. Overflow is counted per handler and announced with an
 * {@code events_dropped} event (at most one announcement per second per handler).
 */
public final class EventBus implements SessionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Envelope(SessionEvent event, int hops) {
    }

    private final Map<Long, HandlerQueue> queues = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong published = new AtomicLong();

    public EventBus(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void publish(SessionEvent event) {
        publish(event, 0);
    }

    private void publish(SessionEvent event, int hops) {
        published.incrementAndGet();
        Envelope envelope = new Envelope(event, hops);
        for (HandlerQueue q : queues.values()) {
            q.offer(envelope);
        }
    }

    public void addHandler(long serviceId, EventHandler handler, String name, Set<String> types, int capacity) {
        HandlerQueue q = new HandlerQueue(handler, name, types, capacity);
        HandlerQueue old = queues.put(serviceId, q);
        if (old != null) {
            old.stop();
        }
        q.start();
    }

    public void removeHandler(long serviceId) {
        HandlerQueue q = queues.remove(serviceId);
        if (q != null) {
            q.stop();
            q.awaitStopped();
        }
    }

    public void close() {
        for (Long id : List.copyOf(queues.keySet())) {
            removeHandler(id);
        }
    }

    /**
     * Announces drops of every handler, including one stuck in its current event (its own thread cannot);
     * the container calls this about once a second.
     */
    public void announceDrops() {
        for (HandlerQueue q : queues.values()) {
            q.announceDrops();
        }
    }

    /** Per-handler figures for {@code server_status}. */
    public List<Map<String, Object>> stats() {
        return queues.values().stream().map(HandlerQueue::stats).toList();
    }

    public long published() {
        return published.get();
    }

    private final class HandlerQueue implements Runnable {
        private final EventHandler handler;
        private final String name;
        private final Set<String> types;
        private final BlockingQueue<Envelope> queue;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private long droppedAnnounced;
        private long lastAnnounceMillis;
        private volatile boolean running = true;
        private final Thread thread;

        HandlerQueue(EventHandler handler, String name, Set<String> types, int capacity) {
            this.handler = handler;
            this.name = name;
            this.types = Set.copyOf(types);
            this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
            this.thread = new Thread(this, "mcp-events-" + name);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        /** A handler of a stopping bundle must not run on after its unbind: wait a little for its thread. */
        void awaitStopped() {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("Event handler {} is still busy with an event after it was removed", name);
            }
        }

        void offer(Envelope e) {
            if (!types.isEmpty() && !types.contains(e.event().type())) {
                return;
            }
            if (!queue.offer(e)) {
                dropped.incrementAndGet();
            }
        }

        @Override
        public void run() {
            while (running) {
                Envelope e;
                try {
                    e = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
                if (e != null) {
                    deliver(e);
                }
                announceDrops();
            }
        }

        private void deliver(Envelope e) {
            try {
                Optional<SessionEvent> followUp = handler.handleEvent(e.event());
                delivered.incrementAndGet();
                if (followUp != null && followUp.isPresent()) {
                    if (e.hops() < EventHandler.MAX_HOPS) {
                        publish(followUp.get(), e.hops() + 1);
                    } else {
                        LOG.debug("Event handler {} returned an event beyond {} hops; not published", name,
                                EventHandler.MAX_HOPS);
                    }
                }
            } catch (RuntimeException | LinkageError ex) {
                long n = failures.incrementAndGet();
                // Log the first failures in full, then only every 100th, so a broken handler cannot flood the log.
                if (n <= 3 || n % 100 == 0) {
                    LOG.warn("Event handler {} failed on {} (failure #{})", name, e.event().type(), n, ex);
                }
            }
        }

        synchronized void announceDrops() {
            long d = dropped.get();
            long now = clock.millis();
            if (d > droppedAnnounced && now - lastAnnounceMillis >= 1000) {
                long newly = d - droppedAnnounced;
                droppedAnnounced = d;
                lastAnnounceMillis = now;
                LOG.warn("Event handler {} fell behind: {} events dropped ({} in total)", name, newly, d);
                publish(SessionEvent.of(SessionEventTypes.EVENTS_DROPPED, "", clock.instant(),
                        Map.of(SessionEventTypes.HANDLER, name, SessionEventTypes.DROPPED, newly, "total", d)), 0);
            }
        }

        Map<String, Object> stats() {
            return Map.of("handler", name, "queued", queue.size(), "delivered", delivered.get(), "dropped",
                    dropped.get(), "failures", failures.get(), "types", List.copyOf(types));
        }
    }
}
