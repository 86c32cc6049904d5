package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigTest {

    private static final ServerSettings PREVIOUS = new ServerSettings("previous", 10, 0, 60, 5, 1_000, 2_048, 1);

    @Test
    void anEmptyConfigurationIsTheDefaults() {
        ServerConfig.Read<ServerSettings> r = ServerConfig.read(Map.of(), PREVIOUS);
        assertThat(r.settings()).isEqualTo(ServerSettings.DEFAULTS);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void oneValueOutOfRangeIsClampedAndTheOtherKeysStillApply() {
        ServerConfig.Read<ServerSettings> r = ServerConfig.read(Map.of("pageSize", "5000", "serverName", " mine ",
                "drainTimeoutSeconds", 3), ServerSettings.DEFAULTS);
        assertThat(r.settings()).isEqualTo(new ServerSettings("mine", 1000, 150, 1800, 20, 30_000, 262_144, 3));
        assertThat(r.warnings()).containsExactly("pageSize: 5000 is above 1000; using 1000");
    }

    @Test
    void aValueThatDoesNotParseKeepsThePreviousOneAndAnAbsentKeyIsItsDefault() {
        ServerConfig.Read<ServerSettings> r = ServerConfig.read(Map.of("defaultTimeoutMs", "30s",
                "maxArgumentBytes", "100", "serverName", " "), PREVIOUS);
        assertThat(r.settings()).isEqualTo(new ServerSettings("autonomy-mcp", 50, 150, 1800, 20, 1_000, 1_024, 10));
        assertThat(r.warnings()).containsExactly("defaultTimeoutMs: '30s' is not a whole number; keeping 1000",
                "maxArgumentBytes: 100 is below 1024; using 1024");
    }

    @Test
    void readinessReadsItsOwnKeyOnly() {
        Readiness.Settings previous = Readiness.Settings.DEFAULTS.withTimeLimit(Duration.ofSeconds(30));
        ServerConfig.Read<Readiness.Settings> clamped = ServerConfig.readiness(Map.of("readyTimeoutSeconds", 900,
                "pageSize", "x"), previous);
        assertThat(clamped.settings().timeLimit()).isEqualTo(Duration.ofSeconds(600));
        assertThat(clamped.warnings()).containsExactly("readyTimeoutSeconds: 900 is above 600; using 600");

        ServerConfig.Read<Readiness.Settings> kept = ServerConfig.readiness(Map.of("readyTimeoutSeconds", "soon"),
                previous);
        assertThat(kept.settings().timeLimit()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ServerConfig.readiness(Map.of(), previous).settings()).isEqualTo(Readiness.Settings.DEFAULTS);
    }

    @Test
    void httpClampsTheBodySizeAndKeepsAFlagThatDoesNotParse() {
        HttpSettings previous = new HttpSettings(false, "/x", "/h", "t", List.of(), 8_192);
        ServerConfig.Read<HttpSettings> r = ServerConfig.http(Map.of("maxBodyBytes", "10", "enabled", "yes",
                "allowedOrigins", new String[]{"https://a.example", " "}, "bearerToken", " secret "), previous);
        assertThat(r.settings()).isEqualTo(new HttpSettings(false, "/mcp", "/health", "secret",
                List.of("https://a.example"), 1_024));
        assertThat(r.warnings()).containsExactly("enabled: 'yes' is not true or false; keeping false",
                "maxBodyBytes: 10 is below 1024; using 1024");
        assertThat(ServerConfig.http(Map.of(), previous).settings()).isEqualTo(HttpSettings.DEFAULTS);
    }
}
