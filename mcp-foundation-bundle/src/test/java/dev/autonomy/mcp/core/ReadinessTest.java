package dev.autonomy.mcp.core;

import dev.autonomy.mcp.core.Readiness.BundleRecord;
import dev.autonomy.mcp.core.Readiness.BundleState;
import dev.autonomy.mcp.core.Readiness.ComponentRecord;
import dev.autonomy.mcp.core.Readiness.ComponentState;
import dev.autonomy.mcp.core.Readiness.Launch;
import dev.autonomy.mcp.core.Readiness.Settings;
import dev.autonomy.mcp.core.Readiness.Snapshot;
import dev.autonomy.mcp.core.Readiness.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadinessTest {

    private static final long LAUNCH = 1_000_000;
    private static final long BEFORE = LAUNCH - 60_000;
    private static final Settings SETTINGS = new Settings(Duration.ofSeconds(10), Duration.ofMillis(100));
    private static final Duration QUIET = Duration.ofMillis(100);

    private static BundleRecord bundle(long id, String name, BundleState state) {
        return new BundleRecord(id, name, state, false, false, true, 30, BEFORE);
    }

    private static ComponentRecord component(long bundleId, String name, ComponentState state, boolean immediate) {
        return new ComponentRecord(bundleId, name, state, immediate, false, false);
    }

    private static Snapshot started(List<BundleRecord> bundles, List<ComponentRecord> components) {
        return new Snapshot(true, 100, bundles, components);
    }

    private static Status status(Snapshot s, Launch launch, Duration elapsed, Duration quiet) {
        return Readiness.decide(s, launch, elapsed, quiet, SETTINGS).status();
    }

    @Test
    void readyWhenFrameworkStartedEveryBundleActiveAndAllQuiet() {
        Snapshot s = started(List.of(bundle(1, "a", BundleState.ACTIVE)),
                List.of(component(1, "a.tool", ComponentState.SATISFIED, false),
                        component(1, "a.main", ComponentState.ACTIVE, true)));
        assertThat(Readiness.decide(s, Launch.NONE, Duration.ofSeconds(1), QUIET, SETTINGS))
                .isEqualTo(new Readiness.Verdict(Status.READY, List.of()));
    }

    @Test
    void notReadyWhileTheFrameworkClimbsItsStartLevels() {
        Snapshot s = new Snapshot(false, 20, List.of(bundle(1, "a", BundleState.ACTIVE)), List.of());
        Readiness.Verdict v = Readiness.decide(s, Launch.NONE, Duration.ofSeconds(1), QUIET, SETTINGS);
        assertThat(v.status()).isEqualTo(Status.STARTING);
        assertThat(v.pending()).containsExactly("framework (start level 20)");
    }

    @Test
    void notReadyUntilQuietForTheQuietPeriod() {
        Snapshot s = started(List.of(bundle(1, "a", BundleState.ACTIVE)), List.of());
        assertThat(status(s, Launch.NONE, Duration.ofSeconds(1), Duration.ofMillis(99))).isEqualTo(Status.STARTING);
        assertThat(status(s, Launch.NONE, Duration.ofSeconds(1), Duration.ofMillis(100))).isEqualTo(Status.READY);
    }

    @Test
    void aStartingBundleIsPendingUnlessLazy() {
        Snapshot eager = started(List.of(bundle(1, "a", BundleState.STARTING)), List.of());
        assertThat(Readiness.pending(eager, Launch.NONE)).containsExactly("bundle a (STARTING)");
        Snapshot lazy = started(List.of(new BundleRecord(1, "a", BundleState.STARTING, false, true, true, 30,
                BEFORE)), List.of());
        assertThat(Readiness.pending(lazy, Launch.NONE)).isEmpty();
    }

    @Test
    void aBundleMarkedToStartThatIsNotActiveOnceTheFrameworkStartedHasFailedAndDoesNotBlock() {
        Snapshot s = started(List.of(bundle(1, "broken", BundleState.RESOLVED)), List.of());
        assertThat(status(s, Launch.NONE, Duration.ofSeconds(1), QUIET)).isEqualTo(Status.READY);
    }

    @Test
    void stoppedFragmentAndAboveStartLevelBundlesDoNotBlock() {
        Snapshot s = started(List.of(
                new BundleRecord(1, "stopped", BundleState.RESOLVED, false, false, false, 30, BEFORE),
                new BundleRecord(2, "fragment", BundleState.INSTALLED, true, false, false, 30, BEFORE),
                new BundleRecord(3, "later", BundleState.RESOLVED, false, false, true, 120, BEFORE)), List.of());
        assertThat(Readiness.pending(s, Launch.NONE)).isEmpty();
    }

    @Test
    void aDeployedBundleNotInstalledYetIsPending() {
        Launch launch = new Launch(Set.of("text-tools-bundle"), LAUNCH);
        Snapshot s = started(List.of(bundle(1, "a", BundleState.ACTIVE)), List.of());
        assertThat(Readiness.pending(s, launch))
                .containsExactly("bundle text-tools-bundle (in deploy/, not installed yet)");
    }

    @Test
    void aDeployedBundleInstalledInThisLaunchIsPendingUntilActive() {
        Launch launch = new Launch(Set.of("tools"), LAUNCH);
        BundleRecord installed = new BundleRecord(5, "tools", BundleState.INSTALLED, false, false, false, 80,
                LAUNCH + 500);
        assertThat(Readiness.pending(started(List.of(installed), List.of()), launch))
                .containsExactly("bundle tools (INSTALLED, from deploy/)");
        BundleRecord active = new BundleRecord(5, "tools", BundleState.ACTIVE, false, false, true, 80, LAUNCH + 500);
        assertThat(Readiness.pending(started(List.of(active), List.of()), launch)).isEmpty();
    }

    @Test
    void aDeployedBundleFromAnEarlierLaunchThatTheOperatorStoppedDoesNotBlock() {
        Launch launch = new Launch(Set.of("tools"), LAUNCH);
        BundleRecord stopped = new BundleRecord(5, "tools", BundleState.RESOLVED, false, false, false, 80, BEFORE);
        assertThat(Readiness.pending(started(List.of(stopped), List.of()), launch)).isEmpty();
    }

    @Test
    void anImmediateComponentBeingActivatedIsPending() {
        Snapshot s = started(List.of(bundle(1, "a", BundleState.ACTIVE)),
                List.of(component(1, "a.main", ComponentState.SATISFIED, true)));
        assertThat(Readiness.pending(s, Launch.NONE)).containsExactly("component a.main (activating)");
    }

    @Test
    void aComponentWithoutConfigurationIsPendingUnlessItNeedsOneOrIsAFactory() {
        Snapshot s = started(List.of(bundle(1, "a", BundleState.ACTIVE)), List.of(
                new ComponentRecord(1, "a.new", ComponentState.NONE, true, false, false),
                new ComponentRecord(1, "a.needsConfig", ComponentState.NONE, false, false, true),
                new ComponentRecord(1, "a.factory", ComponentState.NONE, false, true, false)));
        assertThat(Readiness.pending(s, Launch.NONE)).containsExactly("component a.new (not created yet)");
    }

    @Test
    void waitingAndFailedComponentsDoNotBlockOnceQuiet() {
        Snapshot s = started(List.of(bundle(1, "a", BundleState.ACTIVE)), List.of(
                component(1, "a.ref", ComponentState.UNSATISFIED_REFERENCE, true),
                component(1, "a.cfg", ComponentState.UNSATISFIED_CONFIGURATION, false),
                component(1, "a.failed", ComponentState.FAILED_ACTIVATION, true)));
        assertThat(status(s, Launch.NONE, Duration.ofSeconds(1), QUIET)).isEqualTo(Status.READY);
    }

    @Test
    void componentsOfBundlesThatAreNotActiveAreIgnored() {
        Snapshot s = started(List.of(new BundleRecord(1, "a", BundleState.RESOLVED, false, false, false, 30, BEFORE)),
                List.of(component(1, "a.main", ComponentState.SATISFIED, true)));
        assertThat(Readiness.pending(s, Launch.NONE)).isEmpty();
    }

    @Test
    void pastTheTimeLimitItServesAndNamesWhatIsLate() {
        Launch launch = new Launch(Set.of("tools"), LAUNCH);
        Snapshot s = started(List.of(bundle(1, "a", BundleState.STARTING)), List.of());
        Readiness.Verdict v = Readiness.decide(s, launch, Duration.ofSeconds(10), QUIET, SETTINGS);
        assertThat(v.status()).isEqualTo(Status.OVERDUE);
        assertThat(v.serving()).isTrue();
        assertThat(v.pending()).containsExactly("bundle a (STARTING)",
                "bundle tools (in deploy/, not installed yet)");
        assertThat(status(s, launch, Duration.ofMillis(9999), QUIET)).isEqualTo(Status.STARTING);
    }

    @Test
    void theSystemBundleNeverBlocks() {
        Snapshot s = started(List.of(bundle(0, "org.apache.felix.framework", BundleState.STARTING)), List.of());
        assertThat(Readiness.pending(s, Launch.NONE)).isEmpty();
    }

    @Test
    void settingsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> SETTINGS.withTimeLimit(Duration.ofSeconds(-1)))
                .hasMessage("timeLimit must be 0..600 s, was -1000 ms");
        assertThatThrownBy(() -> new Settings(Duration.ofSeconds(1), Duration.ofSeconds(11)))
                .hasMessage("quietPeriod must be 0..10000 ms, was 11000 ms");
    }
}
