package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.config.ConfigReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The MCP server's configuration (PID {@code dev.autonomy.mcp}) read key by key: a number out of range is clamped to
 * its bound, a value that does not parse keeps its previous value, each with a warning; the other keys apply. The
 * bounds are those {@link ServerSettings} and {@link Readiness.Settings} enforce. Example: {@code pageSize=5000,
 * defaultTimeoutMs=30s} → pageSize 1000 ("pageSize: 5000 is above 1000; using 1000"), defaultTimeoutMs unchanged.
 */
public final class ServerConfig {

    /** What was read, and what was clamped or kept. */
    public record Read<T>(T settings, List<String> warnings) {
        public Read {
            warnings = List.copyOf(warnings);
        }
    }

    private ServerConfig() {
    }

    /**
     * The server's settings: an absent key is its default ({@link ServerSettings#DEFAULTS}), a key that does not
     * parse keeps its value in {@code previous}; a blank {@code serverName} counts as absent.
     */
    public static Read<ServerSettings> read(Map<String, ?> properties, ServerSettings previous) {
        ServerSettings d = ServerSettings.DEFAULTS;
        ConfigReader r = new ConfigReader(properties);
        ServerSettings settings = new ServerSettings(
                r.text("serverName", d.serverName()),
                r.integer("pageSize", d.pageSize(), previous.pageSize(), 1, 1000),
                r.number("listChangedDebounceMs", d.listChangedDebounceMs(), previous.listChangedDebounceMs(), 0,
                        10_000),
                r.number("sessionIdleTimeoutSeconds", d.sessionIdleTimeoutSeconds(),
                        previous.sessionIdleTimeoutSeconds(), 1, 604_800),
                r.integer("recentRequests", d.recentRequests(), previous.recentRequests(), 0, 1000),
                r.number("defaultTimeoutMs", d.defaultTimeoutMs(), previous.defaultTimeoutMs(), 1, 3_600_000),
                r.integer("maxArgumentBytes", d.maxArgumentBytes(), previous.maxArgumentBytes(), 1024,
                        64 * 1024 * 1024),
                r.number("drainTimeoutSeconds", d.drainTimeoutSeconds(), previous.drainTimeoutSeconds(), 0, 600));
        return new Read<>(settings, r.warnings());
    }

    /** Start-up readiness, key {@code readyTimeoutSeconds} of the same configuration (0..600 s, 0 = do not wait). */
    public static Read<Readiness.Settings> readiness(Map<String, ?> properties, Readiness.Settings previous) {
        ConfigReader r = new ConfigReader(properties);
        long seconds = r.number("readyTimeoutSeconds", Readiness.Settings.DEFAULTS.timeLimit().toSeconds(),
                previous.timeLimit().toSeconds(), 0, 600);
        return new Read<>(previous.withTimeLimit(Duration.ofSeconds(seconds)), r.warnings());
    }

    /**
     * MCP over HTTP (PID {@code dev.autonomy.mcp.http}): an absent key is its default ({@link HttpSettings#DEFAULTS}),
     * a key that does not parse keeps its value in {@code previous}.
     */
    public static Read<HttpSettings> http(Map<String, ?> properties, HttpSettings previous) {
        HttpSettings d = HttpSettings.DEFAULTS;
        ConfigReader r = new ConfigReader(properties);
        HttpSettings settings = new HttpSettings(r.flag("enabled", d.enabled(), previous.enabled()),
                r.text("path", d.path()), r.text("healthPath", d.healthPath()), r.text("bearerToken", d.bearerToken()),
                r.list("allowedOrigins", d.allowedOrigins()),
                r.integer("maxBodyBytes", d.maxBodyBytes(), previous.maxBodyBytes(), HttpSettings.MIN_BODY_BYTES,
                        Integer.MAX_VALUE));
        return new Read<>(settings, r.warnings());
    }
}
