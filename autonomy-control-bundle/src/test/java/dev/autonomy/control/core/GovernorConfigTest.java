package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GovernorConfigTest {

    private static GovernorConfig.Read read(Map<String, ?> props) {
        return GovernorConfig.read(props, GovernorSettings.DEFAULTS, Retention.DEFAULTS);
    }

    @Test
    void anEmptyConfigurationIsTheDefaults() {
        GovernorConfig.Read r = read(Map.of());
        assertThat(r.settings()).isEqualTo(GovernorSettings.DEFAULTS);
        assertThat(r.retention()).isEqualTo(Retention.DEFAULTS);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void oneValueOutOfRangeIsClampedAndTheOtherKeysStillApply() {
        GovernorConfig.Read r = read(Map.of("runawayRollbacks", "0", "agentsPerHour", "10",
                "defaultMode", "auto"));
        assertThat(r.settings().runawayRollbacks()).isEqualTo(1);
        assertThat(r.settings().agentsPerHour()).isEqualTo(10);
        assertThat(r.settings().defaultMode()).isEqualTo(Mode.AUTO);
        assertThat(r.warnings()).containsExactly("runawayRollbacks: 0 is below 1; using 1");
    }

    @Test
    void aValueThatDoesNotParseKeepsThePreviousOne() {
        GovernorSettings previous = GovernorSettings.DEFAULTS.withRunaway(30, 4, 6);
        GovernorConfig.Read r = GovernorConfig.read(Map.of("noGainLimit", "four", "defaultMode", "sometimes",
                "modes", "learning=maybe", "leaseSeconds", "900"), previous, Retention.DEFAULTS);
        assertThat(r.settings().noGainLimit()).isEqualTo(6);
        assertThat(r.settings().defaultMode()).isEqualTo(previous.defaultMode());
        assertThat(r.settings().modes()).isEqualTo(previous.modes());
        assertThat(r.settings().leaseSeconds()).isEqualTo(900);
        assertThat(r.warnings()).hasSize(3).anySatisfy(w -> assertThat(w).startsWith("noGainLimit: 'four'"))
                .anySatisfy(w -> assertThat(w).startsWith("defaultMode: "))
                .anySatisfy(w -> assertThat(w).startsWith("modes: "));
    }

    @Test
    void listsAndRetentionAreReadAndClampedToo() {
        GovernorConfig.Read r = read(Map.of("modes", new String[]{"learning=auto", "agent-creation=off"},
                "actionsPerHour", "learning=5,goals=2000000", "auditMaxEntries", "10"));
        assertThat(r.settings().modes()).containsEntry("learning", Mode.AUTO)
                .containsEntry("agent-creation", Mode.OFF);
        assertThat(r.settings().actionsPerHour()).containsEntry("learning", 5).containsEntry("goals", 1_000_000);
        assertThat(r.retention().maxEntries()).isEqualTo(1_000);
        assertThat(r.warnings()).containsExactly("auditMaxEntries: 10 is below 1000; using 1000",
                "actionsPerHour: goals=2000000 is out of 0..1000000; using 1000000");
    }

    @Test
    void aKeyTakenOutOfTheFileGoesBackToItsDefaultNotToItsLastValue() {
        GovernorSettings previous = GovernorSettings.DEFAULTS.withModes(Mode.AUTO,
                Map.of("agent-creation.agent.create", Mode.AUTO)).withRunaway(30, 4, 6);
        GovernorConfig.Read r = GovernorConfig.read(Map.of("noGainLimit", "nine"), previous, new Retention(7, 5000));
        assertThat(r.settings().defaultMode()).isEqualTo(GovernorSettings.DEFAULTS.defaultMode());
        assertThat(r.settings().modes()).isEqualTo(GovernorSettings.DEFAULTS.modes());
        assertThat(r.settings().runawayRollbacks()).isEqualTo(GovernorSettings.DEFAULTS.runawayRollbacks());
        assertThat(r.settings().noGainLimit()).isEqualTo(6); // present but bad: the last value stays
        assertThat(r.retention()).isEqualTo(Retention.DEFAULTS);
    }
}
