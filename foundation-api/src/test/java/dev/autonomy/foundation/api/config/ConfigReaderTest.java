package dev.autonomy.foundation.api.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReaderTest {

    @Test
    void absentOrBlankKeysKeepThePreviousValue() {
        ConfigReader r = new ConfigReader(Map.of("blank", " "));
        assertThat(r.number("missing", 7, 1, 10)).isEqualTo(7);
        assertThat(r.number("blank", 7, 1, 10)).isEqualTo(7);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aNumberOutOfRangeIsClampedWithAWarningNamingKeyAndBound() {
        ConfigReader r = new ConfigReader(Map.of("runawayRollbacks", "0", "leaseSeconds", 10_000_000L));
        assertThat(r.integer("runawayRollbacks", 3, 1, 1000)).isEqualTo(1);
        assertThat(r.number("leaseSeconds", 600, 1, 604_800)).isEqualTo(604_800);
        assertThat(r.warnings()).containsExactly("runawayRollbacks: 0 is below 1; using 1",
                "leaseSeconds: 10000000 is above 604800; using 604800");
    }

    @Test
    void aValueThatDoesNotParseKeepsThePreviousOneAndTheOtherKeysStillApply() {
        ConfigReader r = new ConfigReader(Map.of("runawayRollbacks", "three", "noGainLimit", "4",
                "share", "lots", "on", "yes"));
        assertThat(r.integer("runawayRollbacks", 3, 1, 1000)).isEqualTo(3);
        assertThat(r.integer("noGainLimit", 5, 1, 1000)).isEqualTo(4);
        assertThat(r.decimal("share", 0.1, 0, 1)).isEqualTo(0.1);
        assertThat(r.flag("on", true)).isTrue();
        assertThat(r.warnings()).containsExactly("runawayRollbacks: 'three' is not a whole number; keeping 3",
                "share: 'lots' is not a number; keeping 0.1", "on: 'yes' is not true or false; keeping true");
    }

    @Test
    void numbersComeAsTextOrNumbersAndDecimalsAreClampedToo() {
        ConfigReader r = new ConfigReader(Map.of("a", 12, "b", " 13 ", "c", 2.5, "d", "1.5"));
        assertThat(r.number("a", 0, 0, 100)).isEqualTo(12);
        assertThat(r.number("b", 0, 0, 100)).isEqualTo(13);
        assertThat(r.number("c", 0, 0, 100)).isZero(); // 2.5 is not whole
        assertThat(r.decimal("d", 0.1, 0, 1)).isEqualTo(1.0);
        assertThat(r.warnings()).containsExactly("c: '2.5' is not a whole number; keeping 0",
                "d: 1.5 is above 1.0; using 1.0");
    }

    @Test
    void listsComeAsArraysCollectionsOrCommaSeparatedText() {
        ConfigReader r = new ConfigReader(Map.of("a", new String[]{"x=1", "y=2,z=3"}, "b", List.of("p"),
                "c", "q, r"));
        assertThat(r.list("a", List.of())).containsExactly("x=1", "y=2", "z=3");
        assertThat(r.list("b", List.of())).containsExactly("p");
        assertThat(r.list("c", List.of())).containsExactly("q", "r");
        assertThat(r.list("none", List.of("d"))).containsExactly("d");
    }

    @Test
    void aParserThatRefusesKeepsThePreviousValueWithItsMessage() {
        ConfigReader r = new ConfigReader(Map.of("mode", "sometimes"));
        String mode = r.parsed("mode", "suggest", s -> {
            if (!s.equals("auto") && !s.equals("off") && !s.equals("suggest")) {
                throw new IllegalArgumentException("mode must be off, suggest or auto, was '" + s + "'");
            }
            return s;
        });
        assertThat(mode).isEqualTo("suggest");
        assertThat(r.warnings()).containsExactly(
                "mode: mode must be off, suggest or auto, was 'sometimes'; keeping the previous value");
    }
}
