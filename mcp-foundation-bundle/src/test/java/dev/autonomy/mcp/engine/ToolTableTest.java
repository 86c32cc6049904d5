package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ToolTableTest {

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> replaced = new CopyOnWriteArrayList<>();
    private final EventBus bus = new EventBus(Clock.systemUTC());
    private final ToolTable table = new ToolTable(bus, Clock.systemUTC(), replaced::add);

    ToolTableTest() {
        bus.addHandler(1, e -> {
            events.add(e);
            return Optional.empty();
        }, "recorder", Set.of(), 4096);
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    private static RegisteredTool tool(String name, int ranking, long serviceId) {
        Tool t = TestTool.of(name, c -> ToolResult.text(name));
        return new RegisteredTool(t, name, ranking, serviceId, 1, "test.bundle");
    }

    private Optional<Long> winner(String name) {
        return table.get(name).map(RegisteredTool::serviceId);
    }

    @Test
    void aHigherRankedToolOfTheSameNameShadowsTheOther() {
        table.add(tool("same", 0, 1));
        table.add(tool("same", 10, 2));

        assertThat(winner("same")).contains(2L);
        assertThat(table.all()).extracting(RegisteredTool::serviceId).containsExactly(2L);
    }

    @Test
    void onATieTheOlderServiceWins() {
        table.add(tool("same", 0, 2));
        table.add(tool("same", 0, 1));

        assertThat(winner("same")).contains(1L);
    }

    @Test
    void removingTheShadowingToolBringsTheOtherBack() {
        table.add(tool("same", 0, 1));
        table.add(tool("same", 10, 2));

        table.remove(2);

        assertThat(winner("same")).contains(1L);
    }

    @Test
    void aToolWithAnInvalidNameIsRefused() {
        assertThat(table.add(tool("Bad-Name", 0, 1))).isFalse();
        assertThat(table.get("Bad-Name")).isEmpty();
    }

    @Test
    void toolsAreListedByName() {
        table.add(tool("b", 0, 1));
        table.add(tool("a", 0, 2));

        assertThat(table.all()).extracting(RegisteredTool::name).containsExactly("a", "b");
    }

    @Test
    void aNewWinnerIsToldToTheHookAndTheListenersOnce() {
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        table.addListener(heard::add);

        table.add(tool("same", 10, 1));
        table.add(tool("same", 0, 2)); // shadowed at once: nothing changes

        assertThat(replaced).containsExactly("same");
        assertThat(heard).containsExactly(Set.of("same"));
    }

    @Test
    void registrationAndRemovalAreAnnounced() {
        table.add(tool("echo", 0, 1));
        table.remove(1);

        Await.until("tool_registered and tool_unregistered", () -> events.size() >= 2);
        assertThat(events).extracting(SessionEvent::type).containsExactly(SessionEventTypes.TOOL_REGISTERED,
                SessionEventTypes.TOOL_UNREGISTERED);
        assertThat(events).allMatch(e -> "echo".equals(e.data().get(SessionEventTypes.TOOL)));
    }
}
