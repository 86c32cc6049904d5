package dev.autonomy.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    private static Options parse(String... args) {
        return Options.parse(List.of(args), Map.of());
    }

    @Test
    void noOptionMeansShellWithHttp() {
        Options o = parse();
        assertThat(o.mode()).isEqualTo(Options.Mode.SHELL);
        assertThat(o.httpEnabled()).isTrue();
        assertThat(o.data()).isEmpty();
        assertThat(o.port()).isEmpty();
    }

    @Test
    void stdioTurnsHttpOffUnlessAsked() {
        assertThat(parse("--stdio").httpEnabled()).isFalse();
        assertThat(parse("--stdio", "--http").httpEnabled()).isTrue();
    }

    @Test
    void headlessKeepsHttp() {
        Options o = parse("--headless", "--port", "9000");
        assertThat(o.mode()).isEqualTo(Options.Mode.HEADLESS);
        assertThat(o.httpEnabled()).isTrue();
        assertThat(o.port()).contains(9000);
    }

    @Test
    void dataComesFromTheOptionBeforeTheEnvironment() {
        assertThat(Options.parse(List.of(), Map.of("AUTONOMY_DATA", "/env")).data()).contains(Path.of("/env"));
        assertThat(Options.parse(List.of("--data", "/opt"), Map.of("AUTONOMY_DATA", "/env")).data())
                .contains(Path.of("/opt"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> parse("--bogus")).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> parse("--port", "0")).hasMessage("--port must be 1..65535, was 0");
        assertThatThrownBy(() -> parse("--port", "x")).hasMessage("--port must be 1..65535, was x");
        assertThatThrownBy(() -> parse("--data")).hasMessage("--data needs a value");
        assertThatThrownBy(() -> parse("--headless", "--stdio")).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> parse("--http")).hasMessageContaining("only goes with --stdio");
    }
}
