package dev.autonomy.mcp.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the container has finished starting, pure: the server answers clients only once every bundle present at
 * launch has come up (or failed to) and its Declarative Services components are settled, so that a client's first
 * {@code tools/list} already holds every tool. A time limit ends the wait whatever is still starting.
 *
 * <p>A bundle is <em>settled</em> when it is active, a fragment, lazily waiting for its first class load, not meant
 * to start (stopped by the operator, or its start level above the framework's), or failed to start while the
 * framework climbed its start levels. A bundle from {@code deploy/} that the launcher saw and that FileInstall has
 * not yet installed, or installed during this launch but not yet started, is not settled: FileInstall starts it
 * later, on its own thread.
 *
 * <p>A component is settled when it is active, satisfied (delayed components wait for their first user), failed to
 * activate, or waiting for a reference or configuration. The waiting ones may still come up, when a service or a
 * configuration arrives; nothing here can tell a reference that is about to be satisfied from one that never will,
 * so readiness also requires a quiet period in which nothing changed (no bundle, component or service event): what
 * waits after that waits for something nobody is about to provide. An immediate component that is satisfied but not
 * yet active is being activated: not settled.
 */
public final class Readiness {

    private Readiness() {
    }

    /** A bundle's life-cycle state, as the framework reports it (uninstalled bundles are left out). */
    public enum BundleState { INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE }

    /** A component configuration's state, as Declarative Services reports it; NONE: no configuration exists yet. */
    public enum ComponentState {
        NONE, UNSATISFIED_CONFIGURATION, UNSATISFIED_REFERENCE, SATISFIED, ACTIVE, FAILED_ACTIVATION
    }

    /**
     * @param id           bundle id
     * @param name         symbolic name
     * @param state        life-cycle state
     * @param fragment     whether it is a fragment (never started)
     * @param lazy         whether it declares lazy activation (then {@code STARTING} until a class is loaded)
     * @param autostart    whether it is marked to start (its persistent start flag)
     * @param startLevel   its start level
     * @param lastModified when it was installed or last updated (epoch milliseconds)
     */
    public record BundleRecord(long id, String name, BundleState state, boolean fragment, boolean lazy,
                               boolean autostart, int startLevel, long lastModified) {
        public BundleRecord {
            name = name == null ? "#" + id : name;
        }
    }

    /**
     * One configuration of a component (or, with state {@code NONE}, an enabled component without any).
     *
     * @param bundleId              the declaring bundle
     * @param name                  component name
     * @param state                 the configuration's state
     * @param immediate             whether the component is immediate (activated as soon as it is satisfied)
     * @param factory               whether it is a component factory (instances are made on demand)
     * @param configurationRequired whether it has configuration policy {@code require}
     */
    public record ComponentRecord(long bundleId, String name, ComponentState state, boolean immediate,
                                  boolean factory, boolean configurationRequired) {
    }

    /**
     * What the framework reports at one moment.
     *
     * @param frameworkActive whether the framework has reached its beginning start level
     * @param startLevel      the framework's active start level
     */
    public record Snapshot(boolean frameworkActive, int startLevel, List<BundleRecord> bundles,
                           List<ComponentRecord> components) {
        public Snapshot {
            bundles = List.copyOf(bundles);
            components = List.copyOf(components);
        }
    }

    /**
     * What the launcher saw at launch.
     *
     * @param deployed     symbolic names of the bundles in {@code deploy/} at launch
     * @param launchMillis when the launcher started the framework (epoch milliseconds); bundles installed or updated
     *                     since then are new in this launch
     */
    public record Launch(Set<String> deployed, long launchMillis) {
        public static final Launch NONE = new Launch(Set.of(), Long.MAX_VALUE);

        public Launch {
            deployed = Set.copyOf(deployed);
        }
    }

    /**
     * @param timeLimit   how long start-up may take before the server serves anyway
     * @param quietPeriod how long nothing may change before waiting components count as settled
     */
    public record Settings(Duration timeLimit, Duration quietPeriod) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofMillis(100));

        public Settings {
            if (timeLimit.isNegative() || timeLimit.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("timeLimit must be 0..600 s, was " + timeLimit.toMillis() + " ms");
            }
            if (quietPeriod.isNegative() || quietPeriod.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("quietPeriod must be 0..10000 ms, was " + quietPeriod.toMillis()
                        + " ms");
            }
        }

        public Settings withTimeLimit(Duration limit) {
            return new Settings(limit, quietPeriod);
        }
    }

    /** READY: everything settled; OVERDUE: the time limit passed first; STARTING: keep waiting. */
    public enum Status { STARTING, READY, OVERDUE }

    /**
     * @param status  the decision
     * @param pending what is not settled yet, for the log ("bundle x (RESOLVED)"), sorted; empty when READY
     */
    public record Verdict(Status status, List<String> pending) {
        public Verdict {
            pending = List.copyOf(pending);
        }

        public boolean serving() {
            return status != Status.STARTING;
        }
    }

    /**
     * Decides whether the server may serve.
     *
     * @param elapsed         time since the readiness watch began
     * @param sinceLastChange time since the last observed change of bundles, components or services
     */
    public static Verdict decide(Snapshot snapshot, Launch launch, Duration elapsed, Duration sinceLastChange,
                                 Settings settings) {
        List<String> pending = pending(snapshot, launch);
        if (pending.isEmpty() && sinceLastChange.compareTo(settings.quietPeriod()) >= 0) {
            return new Verdict(Status.READY, List.of());
        }
        if (elapsed.compareTo(settings.timeLimit()) >= 0) {
            return new Verdict(Status.OVERDUE, pending);
        }
        return new Verdict(Status.STARTING, pending);
    }

    /** Everything not settled, sorted; empty once the framework has started and all is settled. */
    public static List<String> pending(Snapshot snapshot, Launch launch) {
        Set<String> pending = new TreeSet<>();
        if (!snapshot.frameworkActive()) {
            pending.add("framework (start level " + snapshot.startLevel() + ")");
        }
        Set<String> present = new HashSet<>();
        Set<Long> active = new HashSet<>();
        for (BundleRecord b : snapshot.bundles()) {
            present.add(b.name());
            if (b.state() == BundleState.ACTIVE) {
                active.add(b.id());
            }
            bundleProblem(b, snapshot, launch).ifPresent(pending::add);
        }
        for (String name : launch.deployed()) {
            if (!present.contains(name)) {
                pending.add("bundle " + name + " (in deploy/, not installed yet)");
            }
        }
        for (ComponentRecord c : snapshot.components()) {
            if (active.contains(c.bundleId()) && !settled(c)) {
                pending.add("component " + c.name() + " (" + (c.state() == ComponentState.NONE ? "not created yet"
                        : "activating") + ")");
            }
        }
        return new ArrayList<>(pending);
    }

    private static Optional<String> bundleProblem(BundleRecord b, Snapshot snapshot, Launch launch) {
        if (b.id() == 0 || b.fragment()) {
            return Optional.empty();
        }
        switch (b.state()) {
            case ACTIVE:
                return Optional.empty();
            case STARTING:
                return b.lazy() ? Optional.empty() : Optional.of("bundle " + b.name() + " (STARTING)");
            case STOPPING:
                return Optional.of("bundle " + b.name() + " (STOPPING)");
            default:
                break;
        }
        // INSTALLED or RESOLVED
        if (launch.deployed().contains(b.name()) && b.lastModified() >= launch.launchMillis()) {
            // Installed or updated by FileInstall in this launch: it starts the bundle itself, later.
            return Optional.of("bundle " + b.name() + " (" + b.state() + ", from deploy/)");
        }
        if (!b.autostart() || b.startLevel() > snapshot.startLevel()) {
            return Optional.empty(); // not meant to start now
        }
        // Marked to start: once the framework has climbed its start levels, it tried and failed.
        return snapshot.frameworkActive() ? Optional.empty()
                : Optional.of("bundle " + b.name() + " (" + b.state() + ")");
    }

    static boolean settled(ComponentRecord c) {
        return switch (c.state()) {
            case ACTIVE, FAILED_ACTIVATION, UNSATISFIED_REFERENCE, UNSATISFIED_CONFIGURATION -> true;
            case SATISFIED -> !c.immediate();
            case NONE -> c.factory() || c.configurationRequired();
        };
    }
}
