package dev.autonomy.foundation.api.session;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Optional;

/**
 * Receives session events, published as an OSGi service. Each handler has its own bounded queue and thread:
 * nothing a handler does can slow or fail a request, and events that overflow its queue are counted and announced
 * with {@link SessionEventTypes#EVENTS_DROPPED}.
 *
 * <p>Service properties: {@value #EVENT_TYPES} (String or String[]; absent = every type),
 * {@value #QUEUE_CAPACITY} (Integer, default 4096).
 */
@ConsumerType
public interface EventHandler {

    /** Service property: the event types this handler wants. */
    String EVENT_TYPES = "event.types";
    /** Service property: the capacity of this handler's queue. */
    String QUEUE_CAPACITY = "event.queue.capacity";
    /** A returned event is published in turn, up to this many hops from the original. */
    int MAX_HOPS = 3;

    /** Handles one event; may return a follow-up event to publish. */
    Optional<SessionEvent> handleEvent(SessionEvent event);
}
