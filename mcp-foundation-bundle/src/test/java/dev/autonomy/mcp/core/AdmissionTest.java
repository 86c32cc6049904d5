package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionTest {

    @Test
    void aKnownToolAtDepthEightWithArgumentsAtTheLimitIsAdmitted() {
        assertThat(Admission.admit("echo", true, false, 8, 100, 100)).isEmpty();
    }

    @Test
    void anUnknownToolIsRefusedBeforeAnythingElseIsLookedAt() {
        assertThat(Admission.admit("ghost", false, true, 9, 101, 100))
                .contains(Refusal.unknownTool("ghost"));
    }

    @Test
    void aDrainingServerRefusesEvenATooDeepCall() {
        assertThat(Admission.admit("echo", true, true, 9, 101, 100)).contains(Refusal.shuttingDown());
    }

    @Test
    void depthNineIsRefusedWithTheLimitOfEight() {
        assertThat(Admission.admit("deep", true, false, 9, 101, 100))
                .contains(Refusal.depthExceeded("deep", 8));
    }

    @Test
    void oneByteOverTheLimitIsTooLarge() {
        assertThat(Admission.admit("big", true, false, 0, 101, 100))
                .contains(Refusal.argumentsTooLarge("big", 101, 100));
    }
}
