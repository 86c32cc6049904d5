package dev.autonomy.creator.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreatorConfigTest {

    /** What an empty configuration gives: the defaults, the agent's construction limited by the activation timeout. */
    private static final CreatorSettings EMPTY = new CreatorSettings(true, false, 65_536, 5, 5_000, 2_000,
            new BuildSettings(5_000, 60_000));
    private static final CreatorSettings PREVIOUS = new CreatorSettings(false, true, 1_000, 9, 7_000, 3_000,
            new BuildSettings(7_000, 30_000));

    @Test
    void anEmptyConfigurationIsTheDefaults() {
        CreatorConfig.Read r = CreatorConfig.read(Map.of(), PREVIOUS);
        assertThat(r.settings()).isEqualTo(EMPTY);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void oneValueOutOfRangeIsClampedAndTheOtherKeysStillApply() {
        CreatorConfig.Read r = CreatorConfig.read(Map.of("testTimeoutMs", "10", "allowClientSource", "true",
                "maxSourceBytes", "2048", "activationTimeoutMs", "8000"), EMPTY);
        assertThat(r.settings()).isEqualTo(new CreatorSettings(true, true, 2_048, 5, 8_000, 50,
                new BuildSettings(8_000, 60_000)));
        assertThat(r.warnings()).containsExactly("testTimeoutMs: 10 is below 50; using 50");
    }

    @Test
    void aValueThatDoesNotParseKeepsThePreviousOne() {
        CreatorConfig.Read r = CreatorConfig.read(Map.of("maxSourceBytes", "big", "callTimeoutMs", "1m",
                "sourceAttemptsPerHour", "2"), PREVIOUS);
        assertThat(r.settings().maxSourceBytes()).isEqualTo(1_000);
        assertThat(r.settings().build().callTimeoutMs()).isEqualTo(30_000);
        assertThat(r.settings().sourceAttemptsPerHour()).isEqualTo(2);
        assertThat(r.settings().designFromGaps()).isTrue(); // absent: its default, not the previous false
        assertThat(r.warnings()).containsExactly("maxSourceBytes: 'big' is not a whole number; keeping 1000",
                "callTimeoutMs: '1m' is not a whole number; keeping 30000");
    }

    @Test
    void theActivationTimeoutIsClampedOnceForBothItsUses() {
        CreatorConfig.Read r = CreatorConfig.read(Map.of("activationTimeoutMs", 5L, "sourceAttemptsPerHour", -1),
                EMPTY);
        assertThat(r.settings().activationTimeoutMs()).isEqualTo(100);
        assertThat(r.settings().build().activationTimeoutMs()).isEqualTo(100);
        assertThat(r.settings().sourceAttemptsPerHour()).isZero();
        assertThat(r.warnings()).containsExactly("activationTimeoutMs: 5 is below 100; using 100",
                "sourceAttemptsPerHour: -1 is below 0; using 0");
    }
}
