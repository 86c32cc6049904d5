package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.Decision;
import dev.autonomy.api.governor.AutonomousCapability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The capability {@value #NAME} as the governor sees it: its name, its figures for {@code autonomy:status} and
 * {@code autonomy:capabilities}, and the kill switch. The governor calls {@link #halt()} on {@code autonomy:halt}
 * (or the MCP tool {@code autonomy_halt}), and also when this capability appears while autonomy is halted;
 * {@link #resume()} after {@code autonomy:resume}.
 *
 * <p>It holds the capability's state only. Proposing is {@link TunerProposeTool}'s job, which checks
 * {@link #halted()} first; applying is {@link PolicyTunerExecutor}'s, which counts here what it applied. The
 * service property {@value AutonomousCapability#NAME} carries the name, and the bundle's manifest header
 * {@code Autonomy-Capability} (see pom.xml) carries it too, so that the operator can start and stop the bundle
 * with {@code autonomy:start policy-tuner} / {@code autonomy:stop policy-tuner}.
 *
 * <p>Immediate: created at once and kept while the bundle runs, so a halt is never lost with the instance.
 */
@Component(service = {AutonomousCapability.class, PolicyTunerCapability.class}, immediate = true,
        property = AutonomousCapability.NAME + "=" + PolicyTunerCapability.NAME)
public final class PolicyTunerCapability implements AutonomousCapability {

    /** The capability's name: service property, manifest header, mode and budget key. */
    public static final String NAME = "policy-tuner";
    /** The one kind of action it proposes; modes may be set per kind: {@code policy-tuner.tool.policy}. */
    public static final String KIND = "tool.policy";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyTunerCapability.class);

    private volatile boolean halted;
    private final AtomicLong proposed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();

    @Activate
    public PolicyTunerCapability() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Figures since the bundle started (shown by {@code autonomy:capabilities}); JSON values. */
    @Override
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", halted);
        m.put("proposed", proposed.get());
        m.put("queued", queued.get());
        m.put("rejected", rejected.get());
        m.put("applied", applied.get());
        m.put("rolledBack", rolledBack.get());
        return m;
    }

    /** Stops proposing at once; must not block, and must not call the governor back. */
    @Override
    public void halt() {
        halted = true;
        LOG.info("policy-tuner halted: it proposes nothing until autonomy resumes");
    }

    @Override
    public void resume() {
        halted = false;
        LOG.info("policy-tuner resumed");
    }

    /** Whether the capability is halted: then it proposes nothing. */
    public boolean halted() {
        return halted;
    }

    /** Counts a proposal handed to the governor and its decision (applications are counted by the executor). */
    void decided(Decision decision) {
        proposed.incrementAndGet();
        switch (decision.outcome()) {
            case QUEUED -> queued.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case APPROVED -> {
                // counted by the executor, which sees every application: at once (mode auto) or approved later
            }
            default -> throw new AssertionError(decision.outcome());
        }
    }

    void applied() {
        applied.incrementAndGet();
    }

    void rolledBack() {
        rolledBack.incrementAndGet();
    }
}
