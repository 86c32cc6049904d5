package dev.autonomy.learning.component;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearningConfigTest {

    private static LearningConfig.Read read(Map<String, ?> properties) {
        return LearningConfig.read(properties, LearningOptions.DEFAULTS);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        LearningConfig.Read r = read(Map.of());
        LearningOptions o = r.options();
        assertThat(o.cycle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.learning().holdoutShare()).isEqualTo(0.10);
        assertThat(o.learning().routingFloor()).isEqualTo(0.02);
        assertThat(o.learning().alpha()).isEqualTo(0.05);
        assertThat(o.learning().maxExperimentDuration()).isEqualTo(Duration.ofSeconds(480));
        assertThat(o.keepRawValues()).isFalse();
        assertThat(o.store().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(o).isEqualTo(LearningOptions.DEFAULTS);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aTestMayRunACycleEverySecond() {
        // as a .cfg file gives them: text
        LearningOptions o = read(Map.of("cycleSeconds", "1", "holdoutShare", "0.2", "keepRawValues", "true",
                "maxExperimentUnits", "150")).options();
        assertThat(o.cycle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.learning().holdoutShare()).isEqualTo(0.2);
        assertThat(o.learning().maxExperimentUnits()).isEqualTo(150);
        assertThat(o.keepRawValues()).isTrue();
    }

    @Test
    void aKeyOutOfRangeIsClampedToItsBoundAndTheOthersApply() {
        LearningConfig.Read r = read(Map.of("cycleSeconds", 0, "holdoutShare", 0.7, "retentionDays", 0,
                "analysisWindowMinutes", 50_000L, "alpha", 0.1, "maxRetries", 4));
        LearningOptions o = r.options();
        assertThat(o.cycle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.learning().holdoutShare()).isEqualTo(0.49);
        assertThat(o.store().maxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(o.analysisWindow()).isEqualTo(Duration.ofMinutes(43_200));
        assertThat(o.learning().alpha()).isEqualTo(0.1);
        assertThat(o.learning().maxRetries()).isEqualTo(4);
        assertThat(r.warnings()).containsExactly(
                "cycleSeconds: 0 is below 1; using 1",
                "holdoutShare: 0.7 is above 0.49; using 0.49",
                "retentionDays: 0 is below 1; using 1",
                "analysisWindowMinutes: 50000 is above 43200; using 43200");
    }

    @Test
    void anExclusiveBoundIsClampedToTheNearestAcceptedValue() {
        LearningConfig.Read r = read(Map.of("confidenceLevel", "1", "minRepeatRate", "0"));
        assertThat(r.options().learning().confidenceLevel()).isEqualTo(0.9999);
        assertThat(r.options().learning().minRepeatRate()).isEqualTo(0.001);
        assertThat(r.warnings()).containsExactly("confidenceLevel: 1 is above 0.9999; using 0.9999",
                "minRepeatRate: 0 is below 0.001; using 0.001");
    }

    @Test
    void aKeyThatDoesNotParseKeepsItsPreviousValue() {
        LearningOptions previous = read(Map.of("cycleSeconds", 5, "alpha", 0.1, "syncWrites", false)).options();
        LearningConfig.Read r = LearningConfig.read(Map.of("cycleSeconds", "often", "alpha", "low",
                "syncWrites", "maybe", "minCalls", "40"), previous);
        assertThat(r.options().cycle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.options().learning().alpha()).isEqualTo(0.1);
        assertThat(r.options().store().sync()).isFalse();
        assertThat(r.options().learning().minCalls()).isEqualTo(40);
        assertThat(r.warnings()).containsExactly(
                "cycleSeconds: 'often' is not a whole number; keeping 5",
                "alpha: 'low' is not a number; keeping 0.1",
                "syncWrites: 'maybe' is not true or false; keeping false");
    }

    @Test
    void anAbsentKeyIsItsDefaultWhateverItWasBefore() {
        LearningOptions previous = read(Map.of("cycleSeconds", 5, "alpha", 0.1, "keepRawValues", true)).options();
        LearningConfig.Read r = LearningConfig.read(Map.of("cycleSeconds", " "), previous);
        assertThat(r.options()).isEqualTo(LearningOptions.DEFAULTS);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void anExperimentAndItsCycleEndBeforeTheGovernorsLease() {
        // 540 s + a 60 s cycle would reach the governor's 600 s lease: lowered to 540 - 60
        LearningConfig.Read r = read(Map.of("maxExperimentSeconds", 540L));
        assertThat(r.options().learning().maxExperimentDuration()).isEqualTo(Duration.ofSeconds(480));
        assertThat(r.warnings()).containsExactly("maxExperimentSeconds: 540 plus cycleSeconds 60 is above 540 "
                + "(the governor's 600 s lease less a minute); using 480");
        assertThat(read(Map.of("maxExperimentSeconds", 5000L, "cycleSeconds", 10)).options().learning()
                .maxExperimentDuration()).isEqualTo(Duration.ofSeconds(530));
        // what fits stays
        LearningConfig.Read fits = read(Map.of("maxExperimentSeconds", 120L, "cycleSeconds", 1));
        assertThat(fits.options().learning().maxExperimentDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(fits.warnings()).isEmpty();
        // a cycle as long as the budget leaves 1 s
        assertThat(read(Map.of("cycleSeconds", 600)).options().learning().maxExperimentDuration())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(LearningOptions.DEFAULTS.withinLease()).isSameAs(LearningOptions.DEFAULTS);
    }

    @Test
    void optionsBuiltInCodeStillRefuseBadValues() {
        assertThatThrownBy(() -> LearningOptions.DEFAULTS.withContextItems(0))
                .hasMessage("contextItems must be 1..50, was 0");
        assertThatThrownBy(() -> LearningOptions.DEFAULTS.withCycle(Duration.ofSeconds(7200)))
                .hasMessage("cycleSeconds must be 1..3600 s, was 7200 s");
    }
}
