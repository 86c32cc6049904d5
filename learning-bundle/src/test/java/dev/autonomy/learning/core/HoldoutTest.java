package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HoldoutTest {

    @Test
    void isDeterministic() {
        assertThat(Holdout.uniform("req-1", "exp-1")).isEqualTo(Holdout.uniform("req-1", "exp-1"));
        assertThat(Holdout.isHoldout("req-1", "exp-1", 0.3)).isEqualTo(Holdout.isHoldout("req-1", "exp-1", 0.3));
    }

    @Test
    void keepsTheShareOfRandomUnits() {
        int holdout = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            if (Holdout.isHoldout(UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString(), "exp", 0.1)) {
                holdout++;
            }
        }
        assertThat((double) holdout / n).isCloseTo(0.1, within(0.005));
    }

    @Test
    void sequentialIdsAndOtherExperimentsDrawIndependently() {
        int both = 0;
        int first = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            boolean a = Holdout.isHoldout("r" + i, "exp-a", 0.5);
            boolean b = Holdout.isHoldout("r" + i, "exp-b", 0.5);
            first += a ? 1 : 0;
            both += a && b ? 1 : 0;
        }
        assertThat((double) first / n).isCloseTo(0.5, within(0.01));
        assertThat((double) both / n).isCloseTo(0.25, within(0.01));
    }

    @Test
    void shareZeroKeepsNothingBack() {
        assertThat(Holdout.isHoldout("r", "e", 0)).isFalse();
        assertThatThrownBy(() -> Holdout.isHoldout("r", "e", 1)).hasMessage("share must be in [0, 1), was 1.0");
    }
}
