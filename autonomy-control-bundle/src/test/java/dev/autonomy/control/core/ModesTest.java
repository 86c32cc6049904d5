package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModesTest {

    private static final Map<String, Mode> CONFIGURED = Map.of("learning", Mode.SUGGEST, "learning.routing", Mode.AUTO,
            "learning.tool.policy", Mode.OFF);

    @Test
    void theMostSpecificKeyDecides() {
        Map<String, Mode> m = Modes.layered(CONFIGURED, Map.of());
        assertThat(Modes.resolve(m, Mode.SUGGEST, "learning", "routing"))
                .isEqualTo(new Modes.Resolution(Mode.AUTO, "learning.routing"));
        assertThat(Modes.resolve(m, Mode.SUGGEST, "learning", "tool.policy.retries"))
                .isEqualTo(new Modes.Resolution(Mode.OFF, "learning.tool.policy"));
        assertThat(Modes.resolve(m, Mode.SUGGEST, "learning", "context"))
                .isEqualTo(new Modes.Resolution(Mode.SUGGEST, "learning"));
    }

    @Test
    void withoutAMatchTheDefaultModeApplies() {
        assertThat(Modes.resolve(Modes.layered(CONFIGURED, Map.of()), Mode.OFF, "goals", "goal.create"))
                .isEqualTo(new Modes.Resolution(Mode.OFF, Modes.DEFAULT_KEY));
    }

    @Test
    void theOperatorsModeReplacesTheConfiguredOneOfTheSameKey() {
        Map<String, Mode> m = Modes.layered(CONFIGURED, Map.of("learning.routing", Mode.OFF));
        assertThat(Modes.resolve(m, Mode.SUGGEST, "learning", "routing").mode()).isEqualTo(Mode.OFF);
    }

    @Test
    void aMoreSpecificConfiguredKeyStillWinsOverTheOperatorsBroaderKey() {
        Map<String, Mode> m = Modes.layered(CONFIGURED, Map.of("learning", Mode.OFF));
        assertThat(Modes.resolve(m, Mode.SUGGEST, "learning", "routing").mode()).isEqualTo(Mode.AUTO);
        assertThat(Modes.resolve(m, Mode.SUGGEST, "learning", "context").mode()).isEqualTo(Mode.OFF);
        assertThat(Modes.moreSpecific(m, "learning")).containsExactly("learning.routing", "learning.tool.policy");
    }

    @Test
    void effectiveModesNameTheirSource() {
        assertThat(Modes.effective(Map.of("learning", Mode.SUGGEST), Map.of("goals", Mode.OFF)))
                .isEqualTo(List.of(new Modes.Effective("goals", Mode.OFF, true),
                        new Modes.Effective("learning", Mode.SUGGEST, false)));
    }
}
