package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusTest {

    private final EventBus bus = new EventBus(Clock.systemUTC());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        bus.close();
    }

    private static SessionEvent event(String type) {
        return SessionEvent.of(type, "s1", Instant.EPOCH, Map.of());
    }

    private static SessionEvent event(String type, int n) {
        return SessionEvent.of(type, "s1", Instant.EPOCH, Map.of("n", n));
    }

    /** A handler that records the events it receives. */
    private static final class Recorder implements EventHandler {
        final List<SessionEvent> received = new CopyOnWriteArrayList<>();

        @Override
        public Optional<SessionEvent> handleEvent(SessionEvent e) {
            received.add(e);
            return Optional.empty();
        }

        List<String> types() {
            return received.stream().map(SessionEvent::type).toList();
        }

        void awaitType(String type) {
            Await.until(type, () -> types().contains(type));
        }
    }

    @Test
    void aHandlerFilteredByTypeGetsOnlyThoseTypes() {
        Recorder filtered = new Recorder();
        bus.addHandler(1, filtered, "filtered", Set.of("b", "end"), 16);

        bus.publish(event("a"));
        bus.publish(event("b"));
        bus.publish(event("c"));
        bus.publish(event("end"));

        filtered.awaitType("end");
        assertThat(filtered.types()).containsExactly("b", "end");
    }

    @Test
    void anUnfilteredHandlerGetsEveryTypeInOrder() {
        Recorder all = new Recorder();
        bus.addHandler(1, all, "all", Set.of(), 16);

        bus.publish(event("a"));
        bus.publish(event("b"));
        bus.publish(event("c"));

        Await.until("three events", () -> all.received.size() == 3);
        assertThat(all.types()).containsExactly("a", "b", "c");
    }

    @Test
    void aSlowHandlersOverflowIsDroppedAndAnnouncedToOtherHandlers() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        bus.addHandler(1, e -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }, "slow", Set.of("work"), 2);
        Recorder watcher = new Recorder();
        bus.addHandler(2, watcher, "watcher", Set.of(SessionEventTypes.EVENTS_DROPPED), 16);

        bus.publish(event("work", 1));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int n = 2; n <= 5; n++) {
            bus.publish(event("work", n)); // 2 and 3 are queued, 4 and 5 overflow
        }
        release.countDown();

        watcher.awaitType(SessionEventTypes.EVENTS_DROPPED);
        assertThat(watcher.received.get(0).data()).containsEntry(SessionEventTypes.HANDLER, "slow")
                .containsEntry(SessionEventTypes.DROPPED, 2L);
        assertThat(bus.stats()).filteredOn(s -> s.get("handler").equals("slow"))
                .singleElement().satisfies(s -> assertThat(s).containsEntry("dropped", 2L));
    }

    @Test
    void aSlowHandlerDoesNotDelayOthers() {
        bus.addHandler(1, e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }, "stuck", Set.of(), 2);
        Recorder fast = new Recorder();
        bus.addHandler(2, fast, "fast", Set.of(), 16);

        bus.publish(event("a"));
        bus.publish(event("b"));

        Await.until("both events at the fast handler", () -> fast.types().equals(List.of("a", "b")));
    }

    @Test
    void aThrowingHandlerStillReceivesLaterEvents() {
        List<String> received = new CopyOnWriteArrayList<>();
        bus.addHandler(1, e -> {
            received.add(e.type());
            if (e.type().equals("bad")) {
                throw new IllegalStateException("handler bug");
            }
            return Optional.empty();
        }, "fragile", Set.of(), 16);

        bus.publish(event("bad"));
        bus.publish(event("good"));

        Await.until("the event after the failure", () -> received.contains("good"));
        assertThat(received).containsExactly("bad", "good");
        assertThat(bus.stats().get(0)).containsEntry("failures", 1L).containsEntry("delivered", 1L);
    }

    @Test
    void anEventReturnedByAHandlerIsPublished() {
        bus.addHandler(1, e -> e.type().equals("question")
                ? Optional.of(event("answer")) : Optional.empty(), "responder", Set.of("question"), 16);
        Recorder recorder = new Recorder();
        bus.addHandler(2, recorder, "recorder", Set.of("answer"), 16);

        bus.publish(event("question"));

        recorder.awaitType("answer");
    }

    @Test
    void followUpEventsStopAfterThreeHops() {
        // Every "chain" event n is answered with chain n+1; "end" is answered with "end2". The handler's queue is
        // FIFO and it publishes a follow-up before taking its next event, so once it sees "end2" (published after
        // "end", which the test publishes after chain 3 arrived) every chain event that will ever exist is in.
        List<SessionEvent> received = new CopyOnWriteArrayList<>();
        bus.addHandler(1, e -> {
            received.add(e);
            if (e.type().equals("chain")) {
                return Optional.of(event("chain", ((Number) e.data().get("n")).intValue() + 1));
            }
            return e.type().equals("end") ? Optional.of(event("end2")) : Optional.empty();
        }, "chatty", Set.of(), 64);

        bus.publish(event("chain", 0));
        Await.until("chain 3", () -> received.stream().anyMatch(e -> Integer.valueOf(3).equals(e.data().get("n"))));
        bus.publish(event("end"));
        Await.until("end2", () -> received.stream().anyMatch(e -> e.type().equals("end2")));

        assertThat(received).filteredOn(e -> e.type().equals("chain")).extracting(e -> e.data().get("n"))
                .containsExactly(0, 1, 2, 3);
        assertThat(EventHandler.MAX_HOPS).isEqualTo(3);
    }

    @Test
    void aRemovedHandlerGetsNoMoreEvents() {
        Recorder removed = new Recorder();
        Recorder kept = new Recorder();
        bus.addHandler(1, removed, "removed", Set.of(), 16);
        bus.addHandler(2, kept, "kept", Set.of(), 16);
        bus.publish(event("a"));
        removed.awaitType("a");

        bus.removeHandler(1);
        bus.publish(event("b"));

        kept.awaitType("b");
        assertThat(removed.types()).containsExactly("a");
    }

    @Test
    void publishedCountsEveryEvent() {
        bus.publish(event("a"));
        bus.publish(event("b"));

        assertThat(bus.published()).isEqualTo(2);
    }
}
