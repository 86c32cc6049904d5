package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernorSettingsTest {

    private static final GovernorSettings D = GovernorSettings.DEFAULTS;

    @Test
    void defaultsAreSafe() {
        assertThat(D.defaultMode()).isEqualTo(Mode.SUGGEST);
        assertThat(D.modes()).isEqualTo(Map.of("learning.routing", Mode.AUTO));
        assertThat(D.defaultActionsPerHour()).isEqualTo(20);
        assertThat(D.agentsPerHour()).isEqualTo(10);
        assertThat(D.maxConcurrentExperiments()).isEqualTo(5);
        assertThat(D.globalActionsPerHour()).isEqualTo(100);
        assertThat(D.leaseSeconds()).isEqualTo(600);
    }

    @Test
    void parsesModesAndLimits() {
        assertThat(GovernorSettings.parseModes(new String[]{"learning=off", " learning.routing = AUTO "}))
                .isEqualTo(Map.of("learning", Mode.OFF, "learning.routing", Mode.AUTO));
        assertThat(GovernorSettings.parseModes(new String[]{"learning=off,goals=auto"}))
                .isEqualTo(Map.of("learning", Mode.OFF, "goals", Mode.AUTO));
        assertThat(GovernorSettings.parseLimits("actionsPerHour", new String[]{"learning.tool=2"}))
                .isEqualTo(Map.of("learning.tool", 2));
        assertThat(GovernorSettings.parseModes(null)).isEmpty();
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> GovernorSettings.parseModes(new String[]{"learning"}))
                .hasMessage("modes: entries must be key=value, was 'learning'");
        assertThatThrownBy(() -> GovernorSettings.parseModes(new String[]{"learning=yes"}))
                .hasMessage("modes: learning: mode must be off, suggest or auto, was 'yes'");
        assertThatThrownBy(() -> GovernorSettings.parseModes(new String[]{"Learning=auto"}))
                .hasMessageStartingWith("modes: key must be <capability>[.<kind>]");
        assertThatThrownBy(() -> GovernorSettings.parseLimits("actionsPerHour", new String[]{"learning=many"}))
                .hasMessage("actionsPerHour: learning must be a whole number, was 'many'");
    }

    @Test
    void outOfRangeValuesAreNamed() {
        assertThatThrownBy(() -> D.withLeaseSeconds(0)).hasMessage("leaseSeconds must be 1..604800, was 0");
        assertThatThrownBy(() -> D.withBudgets(Map.of("learning", -1), 20, 3, 5, 100))
                .hasMessage("actionsPerHour learning must be 0..1000000, was -1");
        assertThatThrownBy(() -> D.withRunaway(0, 3, 5)).hasMessage("runawayWindowMinutes must be 1..10080, was 0");
        assertThatThrownBy(() -> D.withProposalTtlHours(0)).hasMessage("proposalTtlHours must be 1..8760, was 0");
    }

    @Test
    void anActionCountsAgainstItsMostSpecificBudgetKey() {
        GovernorSettings s = D.withBudgets(Map.of("learning", 10, "learning.tool.policy", 2), 20, 3, 5, 100);
        assertThat(s.budgetKey("learning", "tool.policy")).isEqualTo("learning.tool.policy");
        assertThat(s.budgetLimit("learning.tool.policy")).isEqualTo(2);
        assertThat(s.budgetKey("learning", "routing")).isEqualTo("learning");
        assertThat(s.budgetKey("goals", "goal.create")).isEqualTo("goals");
        assertThat(s.budgetLimit("goals")).isEqualTo(20);
        assertThat(GovernorSettings.createsAgent("agent.create")).isTrue();
        assertThat(GovernorSettings.createsAgent("agent.create.replacement")).isTrue();
        assertThat(GovernorSettings.createsAgent("agent.created")).isFalse();
    }
}
