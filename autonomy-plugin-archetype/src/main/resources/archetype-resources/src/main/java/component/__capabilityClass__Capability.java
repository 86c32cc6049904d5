package ${package}.component;

import ${package}.core.Names;
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
 * ${capability} as the governor sees it: its name, its figures for {@code autonomy:capabilities}, and the kill
 * switch. The governor calls {@code halt()} on {@code autonomy:halt} (and when this capability appears while
 * autonomy is halted), {@code resume()} after {@code autonomy:resume}.
 *
 * <p>It holds the capability's state only; it references no governor (the governor binds every capability, and
 * this keeps the two from referencing each other). Immediate, so that a halt is never lost with the instance.
 */
@Component(service = {AutonomousCapability.class, ${capabilityClass}Capability.class}, immediate = true,
        property = AutonomousCapability.NAME + "=" + Names.CAPABILITY)
public final class ${capabilityClass}Capability implements AutonomousCapability {

    private static final Logger LOG = LoggerFactory.getLogger(${capabilityClass}Capability.class);

    private volatile boolean halted;
    private final AtomicLong proposed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();

    @Activate
    public ${capabilityClass}Capability() {
    }

    @Override
    public String name() {
        return Names.CAPABILITY;
    }

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

    /** Stops proposing at once; must not block and must not call the governor back. */
    @Override
    public void halt() {
        halted = true;
        LOG.info("${capability} halted: it proposes nothing until autonomy resumes");
    }

    @Override
    public void resume() {
        halted = false;
        LOG.info("${capability} resumed");
    }

    public boolean halted() {
        return halted;
    }

    /** Counts a proposal and the governor's decision on it (applications are counted by the executor). */
    public void decided(Decision decision) {
        proposed.incrementAndGet();
        switch (decision.outcome()) {
            case QUEUED -> queued.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case APPROVED -> {
                // the executor counts what it applied: at once (mode auto) or when the operator approves
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
