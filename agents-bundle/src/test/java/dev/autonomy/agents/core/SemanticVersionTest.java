package dev.autonomy.agents.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SemanticVersionTest {

    private static SemanticVersion v(String s) {
        return SemanticVersion.parse(s).orElseThrow();
    }

    @Test
    void numbersCompareNumericallyNotLexically() {
        assertThat(v("1.10.0")).isGreaterThan(v("1.9.0"));
        assertThat(v("10.0.0")).isGreaterThan(v("9.99.99"));
    }

    @Test
    void missingMinorAndPatchCountAsZero() {
        assertThat(v("2")).isEqualByComparingTo(v("2.0.0"));
        assertThat(v("2.1")).isEqualByComparingTo(v("2.1.0"));
    }

    @Test
    void aPreReleaseRanksBelowItsRelease() {
        assertThat(v("1.0.0-rc.1")).isLessThan(v("1.0.0"));
        assertThat(v("1.0.0-rc.1")).isGreaterThan(v("0.9.9"));
    }

    @Test
    void preReleasesFollowSemverPrecedence() {
        List<SemanticVersion> ordered = Stream.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0").map(SemanticVersionTest::v).toList();
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i - 1)).as(ordered.get(i - 1) + " < " + ordered.get(i)).isLessThan(ordered.get(i));
        }
    }

    @Test
    void buildMetadataIsIgnored() {
        assertThat(v("1.2.3+build.5")).isEqualByComparingTo(v("1.2.3"));
    }

    @Test
    void nonSemanticVersionsDoNotParse() {
        assertThat(SemanticVersion.parse("")).isEmpty();
        assertThat(SemanticVersion.parse("v1.0")).isEmpty();
        assertThat(SemanticVersion.parse("1.0.0.0")).isEmpty();
        assertThat(SemanticVersion.parse("01.0.0")).isEmpty();
        assertThat(SemanticVersion.parse("1.0.0-")).isEmpty();
        assertThat(SemanticVersion.parse(null)).isEmpty();
    }

    @Test
    void printsAllThreeNumbers() {
        assertThat(v("3").toString()).isEqualTo("3.0.0");
        assertThat(v("1.2.3-rc.1+b").toString()).isEqualTo("1.2.3-rc.1");
    }
}
