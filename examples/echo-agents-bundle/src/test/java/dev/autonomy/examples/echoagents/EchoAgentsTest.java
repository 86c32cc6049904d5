package dev.autonomy.examples.echoagents;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EchoAgentsTest {

    @Test
    void upperUpperCases() {
        assertThat(UpperAgent.upper("Hi there")).isEqualTo("HI THERE");
    }

    @Test
    void shoutUpperCasesAndExclaims() {
        assertThat(ShoutAgent.shout("hi")).isEqualTo("HI!");
    }

    @Test
    void lowerLowerCases() {
        assertThat(LowerAgent.lower("HeLLo")).isEqualTo("hello");
    }

    @Test
    void agentsReturnTheirTextAsStructuredContentForTheNextWorkflowStep() {
        var r = new UpperAgent().call("text.upper", Map.of("text", "ab"), null);
        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent()).contains(Map.of("text", "AB"));
        assertThat(r.text()).isEqualTo("AB");
    }

    @Test
    void bothUpperAgentsOfferTheSameCapability() {
        assertThat(new UpperAgent().capabilities()).isEqualTo(new ShoutAgent().capabilities());
        assertThat(new LowerAgent().capabilities().get(0).name()).isEqualTo("text.lower");
    }
}
