package ${package}.core;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSampleTest {

    private static SessionEvent event(String type, Map<String, ?> data) {
        return SessionEvent.of(type, "session-1", Instant.EPOCH, data);
    }

    @Test
    void aCompletedRequestIsASampleOfItsToolAndDuration() {
        SessionEvent e = event(SessionEventTypes.REQUEST_COMPLETED, Map.of(SessionEventTypes.TOOL, "text_reverse",
                SessionEventTypes.DURATION_MICROS, 1_500, SessionEventTypes.OUTCOME, "success"));

        assertThat(RequestSample.from(e)).contains(new RequestSample("text_reverse", 1_500, false));
    }

    @Test
    void aFailedRequestWithOutcomeTimeoutTimedOut() {
        SessionEvent e = event(SessionEventTypes.REQUEST_FAILED, Map.of(SessionEventTypes.TOOL, "slow_tool",
                SessionEventTypes.DURATION_MICROS, 30_000_000L, SessionEventTypes.OUTCOME,
                SessionEventTypes.OUTCOME_TIMEOUT));

        assertThat(RequestSample.from(e)).contains(new RequestSample("slow_tool", 30_000_000, true));
    }

    @Test
    void otherEventsAndRequestsWithoutToolOrDurationAreNoSample() {
        assertThat(RequestSample.from(event(SessionEventTypes.SESSION_STARTED, Map.of()))).isEmpty();
        assertThat(RequestSample.from(event(SessionEventTypes.REQUEST_COMPLETED,
                Map.of(SessionEventTypes.DURATION_MICROS, 10)))).isEmpty();
        assertThat(RequestSample.from(event(SessionEventTypes.REQUEST_COMPLETED,
                Map.of(SessionEventTypes.TOOL, "a")))).isEmpty();
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThatThrownBy(() -> new RequestSample("a", -1, false))
                .hasMessage("durationMicros must be >= 0, was -1");
    }
}
