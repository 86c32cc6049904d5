package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ToolPoliciesTest {

    private static final ToolPolicy DEFAULTS = ToolPolicy.DEFAULTS; // 30000, 0, 0, 256, 0, 50

    private static ToolPolicies.Resolution resolve(Map<String, ?> wildcard, Map<String, ?> tool,
                                                   Map<String, ?> autonomy) {
        return ToolPolicies.resolve(DEFAULTS, Optional.ofNullable(wildcard), Optional.ofNullable(tool),
                Optional.ofNullable(autonomy));
    }

    @Test
    void withoutConfigurationTheDefaultsApply() {
        ToolPolicies.Resolution r = resolve(null, null, null);

        assertThat(r.policy()).isEqualTo(DEFAULTS);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void theOperatorsWildcardAppliesToEveryTool() {
        ToolPolicies.Resolution r = resolve(Map.of("timeoutMs", 1000, "retries", 1), null, null);

        assertThat(r.policy()).isEqualTo(new ToolPolicy(1000, 0, 0, 256, 1, 50));
    }

    @Test
    void theToolsOwnConfigurationOverridesTheWildcardKeyByKey() {
        ToolPolicies.Resolution r = resolve(Map.of("timeoutMs", 1000, "retries", 1), Map.of("timeoutMs", 2000),
                null);

        assertThat(r.policy().timeoutMs()).isEqualTo(2000);
        assertThat(r.policy().retries()).isEqualTo(1);
    }

    @Test
    void zeroTimeoutKeepsTheDefaultWithoutADiagnostic() {
        ToolPolicies.Resolution r = resolve(null, Map.of("timeoutMs", 0), null);

        assertThat(r.policy().timeoutMs()).isEqualTo(30_000);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void zeroTimeoutKeepsTheValueOfAnEarlierLayer() {
        ToolPolicies.Resolution r = resolve(Map.of("timeoutMs", 1000), Map.of("timeoutMs", 0), null);

        assertThat(r.policy().timeoutMs()).isEqualTo(1000);
    }

    @Test
    void anOutOfRangeOperatorValueIsClampedWithADiagnostic() {
        ToolPolicies.Resolution r = resolve(null, Map.of("retries", 11, "maxConcurrency", 2), null);

        assertThat(r.policy().retries()).isEqualTo(10);
        assertThat(r.policy().maxConcurrency()).isEqualTo(2);
        assertThat(r.diagnostics()).containsExactly("operator retries: 11 is above 10; using 10");
    }

    @Test
    void anOperatorValueBelowItsRangeIsClampedAndAutonomyStaysWithinTheOperatorBounds() {
        ToolPolicies.Resolution r = resolve(Map.of("cacheMaxEntries", 0), Map.of("max.retries", 3),
                Map.of("retries", 5));

        assertThat(r.policy().cacheMaxEntries()).isEqualTo(1);
        assertThat(r.policy().retries()).isEqualTo(3);
        assertThat(r.diagnostics()).containsExactly("operator(*) cacheMaxEntries: 0 is below 1; using 1",
                "autonomy retries=5 clamped to 3 (operator bounds 0..3)");
    }

    @Test
    void aNonNumericValueIsSkippedWithADiagnostic() {
        ToolPolicies.Resolution r = resolve(Map.of("retries", "many"), null, null);

        assertThat(r.policy().retries()).isZero();
        assertThat(r.diagnostics()).containsExactly("operator(*) retries is not a whole number: 'many' (ignored)");
    }

    @Test
    void numbersGivenAsStringsAreParsed() {
        ToolPolicies.Resolution r = resolve(null, Map.of("timeoutMs", "1500", "retries", " 2 "), null);

        assertThat(r.policy().timeoutMs()).isEqualTo(1500);
        assertThat(r.policy().retries()).isEqualTo(2);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void anAutonomousOverrideWithinTheBoundsApplies() {
        ToolPolicies.Resolution r = resolve(null, Map.of("timeoutMs", 2000, "max.timeoutMs", 5000),
                Map.of("timeoutMs", 4000));

        assertThat(r.policy().timeoutMs()).isEqualTo(4000);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void anAutonomousOverrideAboveTheOperatorsMaximumIsClampedWithADiagnostic() {
        ToolPolicies.Resolution r = resolve(null, Map.of("min.timeoutMs", 100, "max.timeoutMs", 5000),
                Map.of("timeoutMs", 9000));

        assertThat(r.policy().timeoutMs()).isEqualTo(5000);
        assertThat(r.diagnostics())
                .containsExactly("autonomy timeoutMs=9000 clamped to 5000 (operator bounds 100..5000)");
    }

    @Test
    void anAutonomousOverrideBelowTheOperatorsMinimumIsClamped() {
        ToolPolicies.Resolution r = resolve(null, Map.of("min.timeoutMs", 100, "max.timeoutMs", 5000),
                Map.of("timeoutMs", 50));

        assertThat(r.policy().timeoutMs()).isEqualTo(100);
        assertThat(r.diagnostics()).hasSize(1);
    }

    @Test
    void boundsFromTheWildcardLimitAutonomyToo() {
        ToolPolicies.Resolution r = resolve(Map.of("max.retries", "2"), null, Map.of("retries", 5));

        assertThat(r.policy().retries()).isEqualTo(2);
    }

    @Test
    void withoutOperatorBoundsAutonomyIsClampedToTheAbsoluteLimits() {
        ToolPolicies.Resolution r = resolve(null, null, Map.of("retries", 50));

        assertThat(r.policy().retries()).isEqualTo(10);
        assertThat(r.diagnostics()).containsExactly("autonomy retries=50 clamped to 10 (operator bounds 0..10)");
    }

    @Test
    void theOperatorsValueStandsWhereAutonomyDoesNotOverride() {
        ToolPolicies.Resolution r = resolve(null, Map.of("retries", 3), Map.of("timeoutMs", 100));

        assertThat(r.policy().retries()).isEqualTo(3);
        assertThat(r.policy().timeoutMs()).isEqualTo(100);
    }

    @Test
    void anAutonomousZeroTimeoutKeepsTheOperatorsValue() {
        ToolPolicies.Resolution r = resolve(null, Map.of("timeoutMs", 2000), Map.of("timeoutMs", 0));

        assertThat(r.policy().timeoutMs()).isEqualTo(2000);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void aNonNumericAutonomousValueIsSkippedWithADiagnostic() {
        ToolPolicies.Resolution r = resolve(null, Map.of("retries", 3), Map.of("retries", "x"));

        assertThat(r.policy().retries()).isEqualTo(3);
        assertThat(r.diagnostics()).containsExactly("autonomy retries is not a whole number: 'x' (ignored)");
    }

    @Test
    void unknownKeysAreIgnored() {
        ToolPolicies.Resolution r = resolve(null, Map.of("tool", "text_x", "colour", "blue"), null);

        assertThat(r.policy()).isEqualTo(DEFAULTS);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void boundsBeyondAKeysRangeAreClampedSoTheResultIsAlwaysValid() {
        ToolPolicies.Resolution r = resolve(null, Map.of("min.retries", 50), Map.of("retries", 1));
        assertThat(r.policy().retries()).isEqualTo(10);
    }

    @Test
    void contradictoryBoundsAreIgnoredWithADiagnostic() {
        ToolPolicies.Resolution r = resolve(null, Map.of("min.timeoutMs", 5000, "max.timeoutMs", 100),
                Map.of("timeoutMs", 9000));
        assertThat(r.policy().timeoutMs()).isEqualTo(9000);
        assertThat(r.diagnostics()).anyMatch(d -> d.contains("bounds of timeoutMs are contradictory"));
    }
}
