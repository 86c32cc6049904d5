package dev.autonomy.foundation.api.plugin;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingAdviceTest {

    @Test
    void acceptsZeroAndPositiveWeights() {
        RoutingAdvice a = new RoutingAdvice("summarize", Map.of("a", 0.0, "b", 2.5));

        assertThat(a.weights()).isEqualTo(Map.of("a", 0.0, "b", 2.5));
    }

    @Test
    void rejectsANegativeWeightNamingTheProvider() {
        assertThatThrownBy(() -> new RoutingAdvice("summarize", Map.of("a", -1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight of a must be finite and >= 0, was -1.0");
    }

    @Test
    void rejectsNaN() {
        assertThatThrownBy(() -> new RoutingAdvice("summarize", Map.of("a", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was NaN");
    }

    @Test
    void rejectsInfinity() {
        assertThatThrownBy(() -> new RoutingAdvice("summarize", Map.of("a", Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightsAreCopied() {
        Map<String, Double> weights = new HashMap<>(Map.of("a", 1.0));

        RoutingAdvice advice = new RoutingAdvice("summarize", weights);
        weights.put("b", 2.0);

        assertThat(advice.weights()).containsOnlyKeys("a");
    }

    @Test
    void enhancementMetadataIsAnImmutableJsonObject() {
        Map<String, Object> metadata = new HashMap<>(Map.of("k", 1));

        Enhancement e = new Enhancement("p", metadata, Optional.empty());
        metadata.put("k2", 2);

        assertThat(e.metadata()).isEqualTo(Map.of("k", 1));
        assertThatThrownBy(() -> e.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
