package dev.autonomy.learning.component;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearningOptionsTest {

    /** A configuration as DS would pass it: the annotation's defaults, with {@code values} set. */
    private static LearningComponent.Config config(Map<String, Object> values) {
        return (LearningComponent.Config) Proxy.newProxyInstance(LearningOptionsTest.class.getClassLoader(),
                new Class<?>[]{LearningComponent.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return LearningComponent.Config.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        LearningOptions o = LearningComponent.options(config(Map.of()));
        assertThat(o.cycle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.learning().holdoutShare()).isEqualTo(0.10);
        assertThat(o.learning().routingFloor()).isEqualTo(0.02);
        assertThat(o.learning().alpha()).isEqualTo(0.05);
        assertThat(o.learning().maxExperimentDuration()).isEqualTo(Duration.ofSeconds(480));
        assertThat(o.keepRawValues()).isFalse();
        assertThat(o.store().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(o).isEqualTo(LearningOptions.DEFAULTS);
    }

    @Test
    void aTestMayRunACycleEverySecond() {
        LearningOptions o = LearningComponent.options(config(Map.of("cycleSeconds", 1, "holdoutShare", 0.2,
                "keepRawValues", true, "maxExperimentUnits", 150L)));
        assertThat(o.cycle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.learning().holdoutShare()).isEqualTo(0.2);
        assertThat(o.learning().maxExperimentUnits()).isEqualTo(150);
        assertThat(o.keepRawValues()).isTrue();
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> LearningComponent.options(config(Map.of("cycleSeconds", 0))))
                .hasMessage("cycleSeconds must be >= 1, was 0");
        assertThatThrownBy(() -> LearningComponent.options(config(Map.of("cycleSeconds", 7200))))
                .hasMessage("cycleSeconds must be 1..3600 s, was 7200 s");
        assertThatThrownBy(() -> LearningComponent.options(config(Map.of("holdoutShare", 0.7))))
                .hasMessage("holdoutShare must be 0.01..0.49, was 0.7");
        assertThatThrownBy(() -> LearningComponent.options(config(Map.of("retentionDays", 0))))
                .hasMessage("retentionDays must be >= 1, was 0");
        assertThatThrownBy(() -> LearningComponent.options(config(Map.of("analysisWindowMinutes", 0L))))
                .hasMessage("analysisWindowMinutes must be 1..43200 min, was 0 min");
        assertThatThrownBy(() -> LearningOptions.DEFAULTS.withContextItems(0))
                .hasMessage("contextItems must be 1..50, was 0");
    }

    @Test
    void anExperimentAndItsCycleEndBeforeTheGovernorsLease() {
        // 540 s + a 60 s cycle would reach the governor's 600 s lease: lowered to 540 - 60
        assertThat(LearningComponent.options(config(Map.of("maxExperimentSeconds", 540L))).learning()
                .maxExperimentDuration()).isEqualTo(Duration.ofSeconds(480));
        assertThat(LearningComponent.options(config(Map.of("maxExperimentSeconds", 5000L, "cycleSeconds", 10)))
                .learning().maxExperimentDuration()).isEqualTo(Duration.ofSeconds(530));
        // what fits stays
        assertThat(LearningComponent.options(config(Map.of("maxExperimentSeconds", 120L, "cycleSeconds", 1)))
                .learning().maxExperimentDuration()).isEqualTo(Duration.ofSeconds(120));
        // a cycle as long as the budget leaves 1 s
        assertThat(LearningComponent.options(config(Map.of("cycleSeconds", 600))).learning()
                .maxExperimentDuration()).isEqualTo(Duration.ofSeconds(1));
        LearningOptions fits = LearningOptions.DEFAULTS;
        assertThat(fits.withinLease()).isSameAs(fits);
    }
}
