// TODO(test kit): enable this scenario once dev.autonomy:autonomy-testkit is available: uncomment the
// autonomy-testkit dependency in pom.xml, then the class below, and adjust the names to the kit's API. It runs the
// same path as ${capabilityClass}ProposeToolTest, but on the real governor's rules (modes, budgets, leases, halt,
// journal) over an in-memory store, with a clock the test moves, and the operator's approval as the shell gives it.
// FakeGovernor (src/test/java/.../fakes) can go then.
package ${package};

// import ${package}.component.${capabilityClass}Capability;
// import ${package}.component.${capabilityClass}Component;
// import ${package}.component.${capabilityClass}Executor;
// import ${package}.core.Settings;
// import ${package}.fakes.MapConfigAccess;
// import ${package}.tool.${capabilityClass}ProposeTool;
// import dev.autonomy.api.action.Actor;
// import dev.autonomy.api.governor.ActionState;
// import dev.autonomy.testkit.MutableClock;
// import dev.autonomy.testkit.TestGovernor;
// import org.junit.jupiter.api.Test;
//
// import java.time.Duration;
// import java.time.Instant;
// import java.util.Optional;
//
// import static org.assertj.core.api.Assertions.assertThat;
//
// class ${capabilityClass}ScenarioIT {
//
//     private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
//     private final MapConfigAccess configs = new MapConfigAccess();
//     private final ${capabilityClass}Capability capability = new ${capabilityClass}Capability();
//     private final TestGovernor governor = TestGovernor.builder(clock)
//             .capability(capability, new ${capabilityClass}Executor(configs, capability))
//             .build();
//     private final ${capabilityClass}Component component = new ${capabilityClass}Component(
//             Settings.DEFAULTS.withSlowMs(10).withMinCalls(3).withTimeoutBounds(1, 120_000), 100);
//     private final ${capabilityClass}ProposeTool tool = new ${capabilityClass}ProposeTool(component, capability,
//             governor);
//
//     @Test
//     void aSlowToolGetsItsTimeLimitOnlyWhenTheOperatorApprovesAndItCanBeRolledBack() {
//         // feed request_completed events (seeded traffic from the kit), propose, then:
//         String id = governor.pending().get(0).id();
//         assertThat(governor.state(id)).contains(ActionState.QUEUED);
//         governor.operator().approve(id);
//         assertThat(governor.state(id)).contains(ActionState.APPLIED_LEASED);
//         clock.advance(Duration.ofMinutes(11)); // past the lease
//         assertThat(governor.state(id)).contains(ActionState.APPLIED_RELEASED);
//         governor.operator().rollback(id);
//         assertThat(governor.state(id)).contains(ActionState.ROLLED_BACK);
//     }
// }
