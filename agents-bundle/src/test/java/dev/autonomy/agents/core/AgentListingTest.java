package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.agent.Capability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentListingTest {

    private static final AgentInfo UPPER = new AgentInfo("upper", "1.0.0", "Upper-cases", List.of(
            new Capability("text.upper", "", Map.of("type", "object"), Map.of())), 12,
            new LatencySummary(8, 2, 0.25, 120, 300).toMap());

    @Test
    void tableShowsFiguresAndRefusals() {
        String t = AgentListing.table(List.of(UPPER), List.of(new AgentSelection.Refusal(5, "list", "1.0.0",
                "its tool name 'agent_list' collides with a built-in tool")), false);
        assertThat(t.lines().toList()).containsExactly(
                "AGENT  VERSION  CAPABILITIES  CALLS  ERRORS  ERROR RATE  MEAN µs  P95 µs",
                "upper    1.0.0  text.upper        8       2       25.0%      120     300",
                "refused: list 1.0.0: its tool name 'agent_list' collides with a built-in tool");
    }

    @Test
    void noFormatIsTabSeparatedWithoutRefusals() {
        String t = AgentListing.table(List.of(UPPER), List.of(new AgentSelection.Refusal(5, "x", "1", "r")), true);
        assertThat(t).isEqualTo("agent\tversion\tcapabilities\tcalls\terrors\terror rate\tmean µs\tp95 µs\n"
                + "upper\t1.0.0\ttext.upper\t8\t2\t25.0%\t120\t300\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesCapabilitiesSchemasAndFigures() {
        Map<String, Object> j = AgentListing.json(List.of(UPPER), List.of(), false);
        assertThat(j).containsEntry("exposeAsTools", false).containsEntry("refused", List.of());
        Map<String, Object> a = ((List<Map<String, Object>>) j.get("agents")).get(0);
        assertThat(a).containsEntry("id", "upper").containsEntry("tool", "agent_upper").containsEntry("calls", 8L)
                .containsEntry("errorRate", 0.25).containsEntry("bundleId", 12L);
        assertThat((List<Map<String, Object>>) a.get("capabilities")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("name", "text.upper")
                        .containsEntry("inputSchema", Map.of("type", "object")));
    }
}
