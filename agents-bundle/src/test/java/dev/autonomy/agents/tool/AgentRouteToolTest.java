package dev.autonomy.agents.tool;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestToolCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AgentRouteToolTest {

    private final Fakes.Events events = new Fakes.Events();
    private final Fakes.Invoker invoker = new Fakes.Invoker((tool, args) -> ToolResult.text("done by " + tool));
    private final Fakes.Registry registry = new Fakes.Registry(Fakes.agent("a", "text.upper"),
            Fakes.agent("b", "text.upper"), Fakes.agent("c", "text.lower"));

    private AgentRouteTool router(double uniform) {
        return new AgentRouteTool(registry, events, invoker, () -> uniform);
    }

    private static TestToolCall call(String capability, Map<String, Object> input, Enhancement... enhancements) {
        return TestToolCall.of("agent_route", Map.of("capability", capability, "input", input), Instant.EPOCH)
                .with(enhancements);
    }

    @Test
    void aCapabilityNobodyOffersIsAGapAndAnError() {
        TestToolCall call = call("text.summarize", Map.of("text", "private", "words", 3));
        ToolResult r = router(0.5).call(call);

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("No agent offers capability 'text.summarize'. agent_list shows the "
                + "capabilities on offer.");
        assertThat(invoker.calls).isEmpty();
        assertThat(events.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(SessionEventTypes.CAPABILITY_GAP);
            assertThat(e.requestId()).isEqualTo(call.context().request().requestId());
            assertThat(e.data()).containsEntry(SessionEventTypes.CAPABILITY, "text.summarize")
                    .containsEntry(SessionEventTypes.INPUT_SHAPE, Map.of("text", "string", "words", "integer"))
                    .containsEntry(SessionEventTypes.SESSION_ID, call.context().request().sessionId());
        });
    }

    @Test
    void withoutAdviceTheProvidersAreEquallyLikely() {
        // a and b have 1/2 each: u = 0.75 is past a's half
        ToolResult r = router(0.75).call(call("text.upper", Map.of("text", "hi")));

        assertThat(invoker.calls).containsExactly(new Fakes.Invocation("agent_b",
                Map.of("capability", "text.upper", "input", Map.of("text", "hi"))));
        assertThat(r.text()).isEqualTo("done by agent_b");
        assertThat(r.meta()).containsEntry(AgentRouteTool.META_ROUTING,
                Map.of("capability", "text.upper", "chosen", "b", "propensity", 0.5));
        SessionEvent routed = events.published.get(0);
        assertThat(routed.type()).isEqualTo(SessionEventTypes.AGENT_ROUTED);
        assertThat(routed.data()).containsEntry(SessionEventTypes.CHOSEN, "b")
                .containsEntry(SessionEventTypes.CANDIDATES, List.of("a", "b"))
                .containsEntry(SessionEventTypes.PROPENSITY, 0.5);
    }

    @Test
    void routingAdviceOfTheRequestWeighsTheChoice() {
        // advice a:3, b:1 -> a = 3/4, b = 1/4: u = 0.7 falls in a's share
        Enhancement advice = new Enhancement("learning", Map.of(),
                Optional.of(new RoutingAdvice("text.upper", Map.of("a", 3.0, "b", 1.0))));

        ToolResult r = router(0.7).call(call("text.upper", Map.of(), advice));

        assertThat(r.meta().get(AgentRouteTool.META_ROUTING))
                .isEqualTo(Map.of("capability", "text.upper", "chosen", "a", "propensity", 0.75));
        assertThat(invoker.calls).extracting(Fakes.Invocation::tool).containsExactly("agent_a");
    }

    @Test
    void adviceForAnotherCapabilityIsIgnored() {
        Enhancement advice = new Enhancement("learning", Map.of(),
                Optional.of(new RoutingAdvice("text.lower", Map.of("a", 1.0))));

        router(0.25).call(call("text.upper", Map.of(), advice));

        assertThat(events.published.get(0).data()).containsEntry(SessionEventTypes.CHOSEN, "a")
                .containsEntry(SessionEventTypes.PROPENSITY, 0.5);
    }
}
