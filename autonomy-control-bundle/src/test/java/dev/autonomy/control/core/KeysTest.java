package dev.autonomy.control.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {

    private static final Map<String, Integer> TABLE = Map.of("learning", 1, "learning.tool", 2,
            "learning.tool.policy", 3, "goals", 4);

    @Test
    void theMostSpecificKeyWins() {
        assertThat(Keys.mostSpecific(TABLE, "learning", "tool.policy")).isEqualTo("learning.tool.policy");
        assertThat(Keys.mostSpecific(TABLE, "learning", "tool.timeout")).isEqualTo("learning.tool");
        assertThat(Keys.mostSpecific(TABLE, "learning", "routing")).isEqualTo("learning");
        assertThat(Keys.mostSpecific(TABLE, "learning", "tool.policy.retries")).isEqualTo("learning.tool.policy");
    }

    @Test
    void anEmptyKindMatchesTheCapabilityOnly() {
        assertThat(Keys.mostSpecific(TABLE, "learning", "")).isEqualTo("learning");
        assertThat(Keys.mostSpecific(TABLE, "goals", null)).isEqualTo("goals");
    }

    @Test
    void noMatchingKeyIsNull() {
        assertThat(Keys.mostSpecific(TABLE, "self-improvement", "tool.policy")).isNull();
        assertThat(Keys.mostSpecific(Map.of(), "learning", "x")).isNull();
        // a key of another capability that shares a prefix does not match
        assertThat(Keys.mostSpecific(Map.of("learn", 1), "learning", "x")).isNull();
    }

    @Test
    void badKeysAreRejectedByName() {
        assertThat(Keys.validate("modes", " learning.tool.policy ")).isEqualTo("learning.tool.policy");
        assertThatThrownBy(() -> Keys.validate("modes", "Learning"))
                .hasMessage("modes: key must be <capability>[.<kind>] in lower case (e.g. learning or "
                        + "learning.tool.policy), was 'Learning'");
        assertThatThrownBy(() -> Keys.validate("modes", "learning.")).hasMessageContaining("was 'learning.'");
        assertThatThrownBy(() -> Keys.validate("modes", "")).hasMessageContaining("was ''");
    }
}
