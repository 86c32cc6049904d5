package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyExperimentTest {

    @Test
    void anOverrideWithoutExperimentOrShareHasNoHoldout() {
        assertThat(PolicyExperiment.of(Map.of("retries", 2L))).isEmpty();
        assertThat(PolicyExperiment.of(Map.of("experiment", "e1"))).isEmpty();
        assertThat(PolicyExperiment.of(Map.of("experiment", "e1", "holdoutShare", 0.0))).isEmpty();
        assertThat(PolicyExperiment.of(Map.of("experiment", "e1", "holdoutShare", "x"))).isEmpty();
    }

    @Test
    void theShareIsReadAsANumberOrTextAndCappedAtOneHalf() {
        assertThat(PolicyExperiment.of(Map.of("experiment", "e1", "holdoutShare", 0.1)))
                .isEqualTo(Optional.of(new PolicyExperiment("e1", 0.1)));
        assertThat(PolicyExperiment.of(Map.of("experiment", "e1", "holdoutShare", "0.2")))
                .isEqualTo(Optional.of(new PolicyExperiment("e1", 0.2)));
        assertThat(PolicyExperiment.of(Map.of("experiment", "e1", "holdoutShare", 0.9)))
                .isEqualTo(Optional.of(new PolicyExperiment("e1", 0.5)));
    }

    @Test
    void aboutTheShareOfRequestsIsHeldOutAndTheChoiceIsStable() {
        PolicyExperiment e = new PolicyExperiment("retry-text_flaky", 0.1);
        int held = 0;
        for (int i = 0; i < 20_000; i++) {
            if (e.holdout("req-" + i)) {
                held++;
            }
        }
        // binomial(20000, 0.1): mean 2000, sd 42; ±5 sd
        assertThat(held).isBetween(1790, 2210);
        assertThat(e.holdout("req-7")).isEqualTo(e.holdout("req-7"));
        PolicyExperiment other = new PolicyExperiment("another", 0.1);
        int both = 0;
        for (int i = 0; i < 20_000; i++) {
            if (e.holdout("req-" + i) && other.holdout("req-" + i)) {
                both++;
            }
        }
        // independent experiments: about 1 % of requests are in both holdouts (mean 200, sd 14)
        assertThat(both).isBetween(130, 270);
    }

    @Test
    void theHoldoutKeepsEarlierChangesAndDropsOnlyTheExperimentsKeys() {
        Map<String, Object> layer = Map.of("tool", "t", "retries", 1L, "cacheTtlMs", 60000L, "experiment", "cache-t",
                "holdoutShare", 0.1, "experimentKeys", "cacheTtlMs");
        PolicyExperiment e = PolicyExperiment.of(layer).orElseThrow();
        assertThat(e.keys()).containsExactly("cacheTtlMs");
        assertThat(e.baseline(layer)).contains(Map.of("tool", "t", "retries", 1L));
        PolicyExperiment arrayKeys = PolicyExperiment.of(Map.of("experiment", "x", "holdoutShare", 0.1,
                "experimentKeys", new String[]{"retries", "timeoutMs"})).orElseThrow();
        assertThat(arrayKeys.keys()).containsExactlyInAnyOrder("retries", "timeoutMs");
        // without named keys the holdout is the operator's policy alone
        assertThat(new PolicyExperiment("x", 0.1).baseline(layer)).isEmpty();
    }

    @Test
    void fnvMatchesItsReferenceValues() {
        // FNV-1a 64 of "" and "a" (reference values of the algorithm)
        assertThat(PolicyExperiment.fnv(new byte[0], 0xcbf29ce484222325L)).isEqualTo(0xcbf29ce484222325L);
        assertThat(PolicyExperiment.fnv("a".getBytes(StandardCharsets.UTF_8), 0xcbf29ce484222325L))
                .isEqualTo(0xaf63dc4c8601ec8cL);
    }
}
