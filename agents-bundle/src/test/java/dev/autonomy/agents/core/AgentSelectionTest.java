package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.Capability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.autonomy.agents.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

class AgentSelectionTest {

    private static final Set<String> BUILT_IN = AgentNames.BUILT_IN;

    @Test
    void oneAgentPerIdIsActive() {
        var s = AgentSelection.selectActive(List.of(agent("a", "1.0.0", 1), agent("b", "1.0.0", 2)), BUILT_IN);
        assertThat(s.active()).containsOnlyKeys("a", "b");
        assertThat(s.superseded()).isEmpty();
        assertThat(s.refused()).isEmpty();
    }

    @Test
    void theHighestSemanticVersionWins() {
        var old = agent("a", "1.9.0", 1);
        var newer = agent("a", "1.10.0", 2);
        var s = AgentSelection.selectActive(List.of(newer, old), BUILT_IN);
        assertThat(s.active().get("a")).isEqualTo(newer);
        assertThat(s.superseded()).containsExactly(old);
    }

    @Test
    void aReleaseBeatsItsPreRelease() {
        var rc = agent("a", "2.0.0-rc.1", 1);
        var release = agent("a", "2.0.0", 2);
        assertThat(AgentSelection.selectActive(List.of(rc, release), BUILT_IN).active().get("a")).isEqualTo(release);
    }

    @Test
    void onEqualVersionsTheHigherRankingWins() {
        var low = agent("a", "1.0.0", 1, 0, "x");
        var high = agent("a", "1.0.0", 2, 5, "x");
        assertThat(AgentSelection.selectActive(List.of(low, high), BUILT_IN).active().get("a")).isEqualTo(high);
    }

    @Test
    void onEqualVersionAndRankingTheOlderServiceWins() {
        var older = agent("a", "1.0", 3);
        var younger = agent("a", "1.0.0", 9);
        assertThat(AgentSelection.selectActive(List.of(younger, older), BUILT_IN).active().get("a"))
                .isEqualTo(older);
    }

    @Test
    void anIdNotMatchingThePatternIsRefused() {
        var s = AgentSelection.selectActive(List.of(agent("Bad Id", "1.0.0", 1)), BUILT_IN);
        assertThat(s.active()).isEmpty();
        assertThat(s.refused()).singleElement().satisfies(r -> {
            assertThat(r.serviceId()).isEqualTo(1);
            assertThat(r.reason()).contains("must match");
        });
    }

    @Test
    void anIdWithAHyphenIsRefusedBecauseToolNamesCannotHaveOne() {
        var s = AgentSelection.selectActive(List.of(agent("my-agent", "1.0.0", 1)), BUILT_IN);
        assertThat(s.refused()).singleElement().satisfies(r -> assertThat(r.reason()).contains("agent_my-agent")
                .contains("'_'"));
    }

    @Test
    void anIdWhoseToolNameIsBuiltInIsRefused() {
        var s = AgentSelection.selectActive(List.of(agent("list", "1.0.0", 1), agent("route", "1.0.0", 2),
                agent("workflow", "1.0.0", 3)), BUILT_IN);
        assertThat(s.active()).isEmpty();
        assertThat(s.refused()).hasSize(3).allSatisfy(r -> assertThat(r.reason()).contains("built-in tool"));
    }

    @Test
    void anIdPosingAsAnAgentCreatorToolIsRefusedEvenWithoutTheCreator() {
        var s = AgentSelection.selectActive(List.of(agent("create", "1.0.0", 1), agent("rollback", "1.0.0", 2)),
                BUILT_IN);
        assertThat(s.active()).isEmpty();
        assertThat(s.refused()).hasSize(2);
    }

    @Test
    void anIdWhoseToolNameIsTakenByAnotherBundleIsRefused() {
        var s = AgentSelection.selectActive(List.of(agent("probe", "1.0.0", 1)), Set.of("agent_probe"));
        assertThat(s.active()).isEmpty();
        assertThat(s.refused()).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("a tool already registered"));
    }

    @Test
    void aRefusedCandidateDoesNotHideAValidOneOfTheSameId() {
        var bad = agent("a", "not-a-version", 1);
        var good = agent("a", "0.1.0", 2);
        var s = AgentSelection.selectActive(List.of(bad, good), BUILT_IN);
        assertThat(s.active().get("a")).isEqualTo(good);
        assertThat(s.refused()).singleElement().satisfies(r -> assertThat(r.reason()).contains("semantic version"));
    }

    @Test
    void anAgentWithoutCapabilitiesIsRefused() {
        var none = new AgentCandidate("a", "1.0.0", "", List.of(), 1, 0, 7);
        assertThat(AgentSelection.selectActive(List.of(none), BUILT_IN).refused()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no capability"));
    }

    @Test
    void anAgentOfferingACapabilityTwiceIsRefused() {
        Capability c = new Capability("x", "", Map.of(), Map.of());
        var twice = new AgentCandidate("a", "1.0.0", "", List.of(c, c), 1, 0, 7);
        assertThat(AgentSelection.selectActive(List.of(twice), BUILT_IN).refused()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("twice"));
    }

    @Test
    void activeAgentsAreSortedById() {
        var s = AgentSelection.selectActive(List.of(agent("c", "1.0.0", 1), agent("a", "1.0.0", 2),
                agent("b", "1.0.0", 3)), BUILT_IN);
        assertThat(s.active().keySet()).containsExactly("a", "b", "c");
    }
}
