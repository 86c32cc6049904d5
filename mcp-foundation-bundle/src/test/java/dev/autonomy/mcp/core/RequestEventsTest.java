package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.mcp.core.RequestEvents.Completion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RequestEventsTest {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private static McpRequest request(Optional<String> parent, int depth) {
        return new McpRequest("s1", "r1", parent, McpRequest.TOOLS_CALL, "echo", Map.of("text", "hi"),
                new McpRequest.ClientInfo("ide", "1.0"), AT, depth);
    }

    @Test
    void aSuccessfulCallIsRequestCompletedWithItsFiguresInOrder() {
        SessionEvent e = RequestEvents.event(request(Optional.empty(), 0),
                Completion.ran(SessionEventTypes.OUTCOME_SUCCESS, "", 1, 13), 250, 5, Map.of(), AT);

        assertThat(e.type()).isEqualTo(SessionEventTypes.REQUEST_COMPLETED);
        assertThat(e.sessionId()).isEqualTo("s1");
        assertThat(e.requestId()).isEqualTo("r1");
        assertThat(e.time()).isEqualTo(AT);
        assertThat(e.data()).containsExactly(
                entry(SessionEventTypes.TOOL, "echo"),
                entry(SessionEventTypes.DURATION_MICROS, 250L),
                entry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_SUCCESS),
                entry(SessionEventTypes.ARGUMENT_BYTES, 13),
                entry(SessionEventTypes.RESULT_BYTES, 5),
                entry(SessionEventTypes.CACHED, false),
                entry(SessionEventTypes.ATTEMPTS, 1),
                entry(SessionEventTypes.DEPTH, 0),
                entry(SessionEventTypes.CLIENT_NAME, "ide"));
    }

    @Test
    void aFailedCallIsRequestFailedWithItsErrorClass() {
        SessionEvent e = RequestEvents.event(request(Optional.empty(), 0),
                Completion.ran(SessionEventTypes.OUTCOME_TIMEOUT, "Timeout", 3, 13), 250, 30, Map.of(), AT);

        assertThat(e.type()).isEqualTo(SessionEventTypes.REQUEST_FAILED);
        assertThat(e.data()).containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_TIMEOUT)
                .containsEntry(SessionEventTypes.ERROR_CLASS, "Timeout")
                .containsEntry(SessionEventTypes.ATTEMPTS, 3);
    }

    @Test
    void aNestedCallNamesItsParentAndExtraDataComesLast() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(SessionEventTypes.EXPERIMENT, "faster");
        extra.put(SessionEventTypes.VARIANT, SessionEventTypes.VARIANT_HOLDOUT);

        SessionEvent e = RequestEvents.event(request(Optional.of("r0"), 2), Completion.cacheHit(13), 7, 5, extra,
                AT);

        assertThat(e.data()).containsEntry(SessionEventTypes.DEPTH, 2)
                .containsEntry(SessionEventTypes.PARENT_REQUEST_ID, "r0")
                .containsEntry(SessionEventTypes.CACHED, true)
                .containsEntry(SessionEventTypes.ATTEMPTS, 0);
        assertThat(e.data().keySet()).endsWith(SessionEventTypes.CLIENT_NAME, SessionEventTypes.EXPERIMENT,
                SessionEventTypes.VARIANT);
    }

    @Test
    void anUnknownToolReportsNoArgumentBytesAndOneAttempt() {
        Completion c = Completion.refused(Refusal.unknownTool("echo"), 13);

        SessionEvent e = RequestEvents.event(request(Optional.empty(), 0), c, 7, 0, Map.of(), AT);

        assertThat(e.type()).isEqualTo(SessionEventTypes.REQUEST_FAILED);
        assertThat(e.data()).containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_UNKNOWN_TOOL)
                .containsEntry(SessionEventTypes.ERROR_CLASS, "UnknownTool")
                .containsEntry(SessionEventTypes.ARGUMENT_BYTES, 0)
                .containsEntry(SessionEventTypes.ATTEMPTS, 1);
    }

    @Test
    void aBusyRefusalReportsItsArgumentBytesAndNoAttempt() {
        Completion c = Completion.refused(Refusal.busy("echo", 1), 13);

        assertThat(c).isEqualTo(new Completion(SessionEventTypes.OUTCOME_BUSY, "Busy", 0, false, 13, false));
    }

    @Test
    void refusedUnknownAndTooLargeRequestsAreRememberedWithoutArguments() {
        McpRequest r = request(Optional.empty(), 0);

        assertThat(RequestEvents.remembered(r, Completion.refused(Refusal.unknownTool("echo"), 13)).arguments())
                .isEmpty();
        assertThat(RequestEvents.remembered(r, Completion.refused(Refusal.argumentsTooLarge("echo", 13, 10),
                13))).isEqualTo(new McpRequest("s1", "r1", Optional.empty(), McpRequest.TOOLS_CALL, "echo", Map.of(),
                new McpRequest.ClientInfo("ide", "1.0"), AT, 0));
    }

    @Test
    void otherRequestsAreRememberedAsTheyCame() {
        McpRequest r = request(Optional.empty(), 9);

        assertThat(RequestEvents.remembered(r, Completion.refused(Refusal.depthExceeded("echo", 8), 13)))
                .isSameAs(r);
        assertThat(RequestEvents.remembered(r, Completion.cacheHit(13))).isSameAs(r);
    }
}
