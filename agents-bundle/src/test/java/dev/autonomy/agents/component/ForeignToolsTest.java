package dev.autonomy.agents.component;

import dev.autonomy.agents.core.AgentNames;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ForeignToolsTest {

    private final ForeignTools tools = new ForeignTools();

    private void present(Map<Long, String> names) {
        tools.refresh(names.keySet(), id -> Optional.of(ForeignTools.ForeignTool.of(names.get(id), "other")));
    }

    @Test
    void builtInNamesAreAlwaysReserved() {
        assertThat(tools.reserved(Set.of())).isEqualTo(AgentNames.BUILT_IN);
    }

    @Test
    void anAgentNameTakenBeforeTheAgentCameIsReserved() {
        present(Map.of(1L, "agent_echo", 2L, "text_reverse"));

        assertThat(tools.reserved(Set.of())).contains("agent_echo").doesNotContain("text_reverse");
    }

    @Test
    void aToolArrivingWhileAnAgentServesItsNameDoesNotPushTheAgentOut() {
        present(Map.of(1L, "agent_echo"));

        assertThat(tools.reserved(Set.of("agent_echo"))).doesNotContain("agent_echo");
        // decided once: still not blocking after the agent went
        assertThat(tools.reserved(Set.of())).doesNotContain("agent_echo");
    }

    @Test
    void aToolThatWentNoLongerReservesItsName() {
        present(Map.of(1L, "agent_echo"));
        tools.reserved(Set.of());

        present(Map.of());

        assertThat(tools.reserved(Set.of())).doesNotContain("agent_echo");
    }

    @Test
    void aToolThatCannotBeHadNowIsTriedAgainLater() {
        tools.refresh(Set.of(1L), id -> Optional.empty());
        assertThat(tools.reserved(Set.of())).doesNotContain("agent_echo");

        present(Map.of(1L, "agent_echo"));

        assertThat(tools.reserved(Set.of())).contains("agent_echo");
    }
}
