package dev.autonomy.foundation.api.session;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionEventTest {

    @Test
    void blankTypeIsRejected() {
        assertThatThrownBy(() -> SessionEvent.of(" ", "s", Instant.EPOCH, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type must not be blank");
    }

    @Test
    void nullTypeIsRejected() {
        assertThatThrownBy(() -> SessionEvent.of(null, "s", Instant.EPOCH, Map.of()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullTimeIsRejected() {
        assertThatThrownBy(() -> SessionEvent.of("x", "s", null, Map.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("time");
    }

    @Test
    void missingSessionAndRequestBecomeEmpty() {
        SessionEvent e = new SessionEvent("x", null, null, Instant.EPOCH, null);

        assertThat(e.sessionId()).isEmpty();
        assertThat(e.requestId()).isEmpty();
        assertThat(e.data()).isEmpty();
    }

    @Test
    void ofHasNoRequestId() {
        assertThat(SessionEvent.of("x", "s", Instant.EPOCH, Map.of()).requestId()).isEmpty();
    }

    @Test
    void dataIsAnImmutableCopy() {
        Map<String, Object> data = new HashMap<>(Map.of("a", 1));

        SessionEvent e = SessionEvent.of("x", "s", Instant.EPOCH, data);
        data.put("b", 2);

        assertThat(e.data()).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> e.data().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nonJsonDataIsRejected() {
        assertThatThrownBy(() -> SessionEvent.of("x", "s", Instant.EPOCH, Map.of("when", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.when");
    }
}
