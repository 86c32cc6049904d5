package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTest {

    @Test
    void anUnknownToolCountsOneAttemptAndIsRememberedWithoutArguments() {
        Refusal r = Refusal.unknownTool("ghost");

        assertThat(r.kind()).isEqualTo(Refusal.Kind.UNKNOWN_TOOL);
        assertThat(r.message()).isEqualTo("Unknown tool: ghost");
        assertThat(r.outcome()).isEqualTo(SessionEventTypes.OUTCOME_UNKNOWN_TOOL);
        assertThat(r.errorClass()).isEqualTo("UnknownTool");
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.beforeArguments()).isTrue();
        assertThat(r.forgetsArguments()).isTrue();
        assertThat(r.announced()).isTrue();
    }

    @Test
    void shuttingDownIsNotAnnounced() {
        Refusal r = Refusal.shuttingDown();

        assertThat(r.message()).isEqualTo("The server is shutting down; try again shortly.");
        assertThat(r.announced()).isFalse();
    }

    @Test
    void aTooDeepCallIsDeniedBeforeItsArgumentsAndKeepsThem() {
        Refusal r = Refusal.depthExceeded("deep", 8);

        assertThat(r.message()).isEqualTo("Call depth limit of 8 exceeded calling deep");
        assertThat(r.outcome()).isEqualTo(SessionEventTypes.OUTCOME_DENIED);
        assertThat(r.errorClass()).isEqualTo("DepthExceeded");
        assertThat(r.beforeArguments()).isTrue();
        assertThat(r.forgetsArguments()).isFalse();
        assertThat(r.attempts()).isZero();
    }

    @Test
    void tooLargeArgumentsAreNamedWithTheirSizeAndForgotten() {
        Refusal r = Refusal.argumentsTooLarge("big", 101, 100);

        assertThat(r.message()).isEqualTo("Arguments of big are too large (101 bytes, limit 100)");
        assertThat(r.outcome()).isEqualTo(SessionEventTypes.OUTCOME_INVALID_ARGUMENTS);
        assertThat(r.errorClass()).isEqualTo("ArgumentsTooLarge");
        assertThat(r.beforeArguments()).isFalse();
        assertThat(r.forgetsArguments()).isTrue();
    }

    @Test
    void invalidArgumentsSayWhatIsWrong() {
        Refusal r = Refusal.invalidArguments("greet", "missing required property 'name'");

        assertThat(r.message()).isEqualTo("Invalid arguments for tool greet: missing required property 'name'");
        assertThat(r.outcome()).isEqualTo(SessionEventTypes.OUTCOME_INVALID_ARGUMENTS);
        assertThat(r.errorClass()).isEqualTo("InvalidArguments");
        assertThat(r.forgetsArguments()).isFalse();
    }

    @Test
    void aBusyToolNamesItsLimit() {
        Refusal r = Refusal.busy("one", 3);

        assertThat(r.message()).isEqualTo("Tool one is busy (3 calls at once); try again shortly.");
        assertThat(r.outcome()).isEqualTo(SessionEventTypes.OUTCOME_BUSY);
        assertThat(r.errorClass()).isEqualTo("Busy");
    }
}
