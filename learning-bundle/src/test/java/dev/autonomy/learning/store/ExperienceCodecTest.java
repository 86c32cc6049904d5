package dev.autonomy.learning.store;

import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.LearningExperience;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExperienceCodecTest {

    @Test
    void roundTripsEveryField() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("attempts", 2L);
        features.put("cached", true);
        features.put("ratio", 0.25);
        features.put("big", new BigDecimal("12345678901234567890.5"));
        features.put("shape", Map.of("text", "string"));
        features.put("list", List.of("a", 1L, false));
        features.put("none", null);
        features.put("comment", "très bien ✓");
        LearningExperience x = new LearningExperience(0, Instant.parse("2025-06-01T10:00:00.123456789Z"), "s-1",
                "r-1", ExperienceKind.ROUTING, "agent:b", "summarize", "tool_error", "IOException", 1234, 567,
                -42L, features, 4, 0.375, List.of("a", "b"));
        byte[] bytes = new ExperienceCodec.Encoder().encode(x);
        LearningExperience back = new ExperienceCodec.Decoder().decode(17, bytes);
        assertThat(back).isEqualTo(x.withSequence(17));
        assertThat(new ExperienceCodec.Decoder().head(bytes))
                .isEqualTo(new ExperienceCodec.Head(x.time().toEpochMilli(), "s-1"));
    }

    @Test
    void unknownValuesRoundTripAsUnknown() {
        LearningExperience x = LearningExperience.feedback(Instant.EPOCH, "", "", "tool:x", 3, null);
        LearningExperience back = new ExperienceCodec.Decoder().decode(1, new ExperienceCodec.Encoder().encode(x));
        assertThat(back.latencyMicros()).isEqualTo(-1);
        assertThat(back.inputBytes()).isEqualTo(-1);
        assertThat(back.inputFeatures()).isEmpty();
        assertThat(back).isEqualTo(x.withSequence(1));
    }

    @Test
    void aTypicalRequestTakesAboutOneHundredSixtyBytes() {
        LearningExperience x = LearningExperience.request(Instant.now(), "6f1c2d7e-8a1b-4c2d-9e3f-0123456789ab",
                "9a8b7c6d-5e4f-4a3b-2c1d-0fedcba98765",
                "text_word_count", "success", "", 1500, 300).withInputFeatures(Map.of("attempts", 1L, "depth", 0L,
                "client", "inspector"));
        assertThat(new ExperienceCodec.Encoder().encode(x).length).isLessThanOrEqualTo(165);
    }
}
