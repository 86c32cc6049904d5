package dev.autonomy.api.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReversibleConfigTest {

    /** Configurations in a map, as ConfigAdmin keeps them (with its bookkeeping properties). */
    static final class MapAccess implements ConfigAccess {
        final Map<ConfigTarget, Map<String, Object>> configs = new HashMap<>();

        @Override
        public Optional<Map<String, Object>> read(ConfigTarget target) {
            return Optional.ofNullable(configs.get(target)).map(ConfigValues::own);
        }

        @Override
        public void write(ConfigTarget target, Map<String, Object> properties) {
            Map<String, Object> m = new TreeMap<>(properties);
            m.put("service.pid", target.toString());
            configs.put(target, m);
        }

        @Override
        public void delete(ConfigTarget target) {
            configs.remove(target);
        }
    }

    private static final ConfigTarget TOOL = ConfigTarget.factory("dev.autonomy.tool.autonomy", "text_word_count");

    /** Round trip through JSON text, as the governor's store does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(Map<String, Object> effect) {
        return (Map<String, Object>) dev.autonomy.foundation.api.value.JsonText.parse(
                dev.autonomy.foundation.api.value.JsonText.write(effect));
    }

    @Test
    void aChangeThatCreatedTheConfigurationIsUndoneByDeletingIt() throws Exception {
        MapAccess access = new MapAccess();
        ConfigChange c = ReversibleConfig.apply(access, TOOL, p -> {
            p.put("retries", 2L);
            return p;
        });
        assertThat(c.created()).isTrue();
        assertThat(access.read(TOOL)).contains(Map.of("retries", 2L));
        ReversibleConfig.restore(access, ConfigChange.fromEffect(stored(c.toEffect())));
        assertThat(access.configs).doesNotContainKey(TOOL);
    }

    @Test
    void aChangeOverAnExistingConfigurationRestoresItsPropertiesWithTheirTypes() throws Exception {
        MapAccess access = new MapAccess();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("tool", "text_word_count");
        before.put("retries", 1);                       // Integer, not Long
        before.put("timeoutMs", 1500L);
        before.put("ratio", 0.25f);
        before.put("tags", new String[]{"a", "b"});
        before.put("limits", new int[]{1, 2});
        access.write(TOOL, before);

        ConfigChange c = ReversibleConfig.apply(access, TOOL, p -> {
            p.put("retries", 3L);
            p.remove("ratio");
            return p;
        });
        assertThat(c.created()).isFalse();
        assertThat(access.read(TOOL).orElseThrow()).containsEntry("retries", 3L).doesNotContainKey("ratio");

        ReversibleConfig.restore(access, ConfigChange.fromEffect(stored(c.toEffect())));
        Map<String, Object> restored = access.read(TOOL).orElseThrow();
        assertThat(restored.get("retries")).isEqualTo(1).isInstanceOf(Integer.class);
        assertThat(restored.get("timeoutMs")).isEqualTo(1500L);
        assertThat(restored.get("ratio")).isEqualTo(0.25f);
        assertThat((String[]) restored.get("tags")).containsExactly("a", "b");
        assertThat((int[]) restored.get("limits")).containsExactly(1, 2);
        assertThat(restored).doesNotContainKey("service.pid"); // bookkeeping is not content
    }

    @Test
    void theEffectIsPlainJson() {
        ConfigChange c = new ConfigChange(TOOL, Optional.of(Map.of("retries", 1)), Map.of("retries", 2L));
        assertThat(c.toEffect()).isEqualTo(Map.of(
                "config", Map.of("factoryPid", "dev.autonomy.tool.autonomy", "name", "text_word_count"),
                "created", false,
                "previous", Map.of("values", Map.of("retries", 1), "types", Map.of("retries", "Integer")),
                "applied", Map.of("values", Map.of("retries", 2L), "types", Map.of())));
    }

    @Test
    void aValueThatCannotComeBackExactlyIsRefused() {
        assertThatThrownBy(() -> ConfigValues.toJson(Map.of("when", new java.util.Date(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("when");
        assertThatThrownBy(() -> ConfigValues.toJson(Map.of("list", List.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list");
    }

    @Test
    void aDamagedEffectNamesWhatIsMissing() {
        assertThatThrownBy(() -> ConfigChange.fromEffect(Map.of("created", true)))
                .hasMessageContaining("names no configuration");
        assertThatThrownBy(() -> ConfigChange.fromEffect(Map.of("config", Map.of("pid", "x"), "created", false,
                "applied", Map.of("values", Map.of())))).hasMessageContaining("no previous properties");
    }

    @Test
    void aTargetIsAPidOrAFactoryPidWithAName() {
        assertThat(ConfigTarget.fromJson(ConfigTarget.singleton("dev.autonomy.mcp").toJson()))
                .isEqualTo(ConfigTarget.singleton("dev.autonomy.mcp"));
        assertThatThrownBy(() -> new ConfigTarget("a", "b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigTarget.factory("f", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
