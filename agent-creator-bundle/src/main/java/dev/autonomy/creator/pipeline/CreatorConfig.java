package dev.autonomy.creator.pipeline;

import dev.autonomy.foundation.api.config.ConfigReader;

import java.util.List;
import java.util.Map;

/**
 * The creator's configuration (PID {@code dev.autonomy.agent.creator}) read key by key: a number out of range is
 * clamped to its bound, a value that does not parse keeps its previous value, each with a warning; the other keys
 * apply. Example: {@code testTimeoutMs=10, maxSourceBytes=big} → testTimeoutMs 50 ("testTimeoutMs: 10 is below 50;
 * using 50"), maxSourceBytes unchanged.
 */
public final class CreatorConfig {

    /** What was read, and what was clamped or kept. */
    public record Read(CreatorSettings settings, List<String> warnings) {
        public Read {
            warnings = List.copyOf(warnings);
        }
    }

    private CreatorConfig() {
    }

    /**
     * Reads {@code properties}: an absent key is its default ({@link CreatorSettings#DEFAULTS}), a key that does
     * not parse keeps its value in {@code previous}. The lower bounds keep the creator workable: a source of at least
     * a byte, timeouts long enough to start and test an agent.
     */
    public static Read read(Map<String, ?> properties, CreatorSettings previous) {
        CreatorSettings d = CreatorSettings.DEFAULTS;
        ConfigReader r = new ConfigReader(properties);
        long activationTimeoutMs = r.number("activationTimeoutMs", d.activationTimeoutMs(),
                previous.activationTimeoutMs(), 100, Long.MAX_VALUE);
        CreatorSettings settings = new CreatorSettings(
                r.flag("designFromGaps", d.designFromGaps(), previous.designFromGaps()),
                r.flag("allowClientSource", d.allowClientSource(), previous.allowClientSource()),
                r.integer("maxSourceBytes", d.maxSourceBytes(), previous.maxSourceBytes(), 1, Integer.MAX_VALUE),
                r.integer("sourceAttemptsPerHour", d.sourceAttemptsPerHour(), previous.sourceAttemptsPerHour(), 0,
                        Integer.MAX_VALUE),
                activationTimeoutMs,
                r.number("testTimeoutMs", d.testTimeoutMs(), previous.testTimeoutMs(), 50, Long.MAX_VALUE),
                // the agent's own construction limit is the creator's activation timeout, as before
                new BuildSettings(activationTimeoutMs, r.number("callTimeoutMs", d.build().callTimeoutMs(),
                        previous.build().callTimeoutMs(), 100, Long.MAX_VALUE)));
        return new Read(settings, r.warnings());
    }
}
