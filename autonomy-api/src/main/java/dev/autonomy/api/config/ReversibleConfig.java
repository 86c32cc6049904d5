package dev.autonomy.api.config;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Snapshot → update → restore exactly: the one implementation of a reversible configuration change, for every
 * autonomy plugin that tunes configuration (learning, self-improvement, the policy-tuner example).
 *
 * <pre>{@code
 * ConfigChange c = ReversibleConfig.apply(access, target, props -> { props.put("retries", 2L); return props; });
 * return ExecutionResult.ok("retries 2", c.toEffect());          // in ActionExecutor.apply
 * ReversibleConfig.restore(access, ConfigChange.fromEffect(applied.effect()));   // in rollback
 * }</pre>
 */
public final class ReversibleConfig {

    private ReversibleConfig() {
    }

    /**
     * Reads the configuration, writes {@code update} of a copy of its own properties (an empty map if it was
     * absent), and returns the change.
     */
    public static ConfigChange apply(ConfigAccess access, ConfigTarget target,
                                     UnaryOperator<Map<String, Object>> update) throws IOException {
        Optional<Map<String, Object>> before = access.read(target).map(ConfigValues::own);
        Map<String, Object> after = update.apply(new TreeMap<>(before.orElse(Map.of())));
        ConfigChange change = new ConfigChange(target, before, after);
        access.write(target, change.after());
        return change;
    }

    /** Puts the configuration back exactly as it was before {@code change}: its properties, or absent. */
    public static void restore(ConfigAccess access, ConfigChange change) throws IOException {
        if (change.before().isEmpty()) {
            access.delete(change.target());
        } else {
            access.write(change.target(), change.before().get());
        }
    }
}
