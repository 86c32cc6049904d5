package dev.autonomy.control.engine;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.governor.AutonomousCapability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/** Tells capabilities of a halt or a resume; one that throws does not stop the others. */
final class Halting {

    private static final Logger LOG = LoggerFactory.getLogger(Halting.class);

    private Halting() {
    }

    static void haltAll(Collection<AutonomousCapability> capabilities, Actor actor, String why) {
        for (AutonomousCapability c : capabilities) {
            haltQuietly(c);
        }
        if (actor.kind() == Actor.Kind.OPERATOR) {
            LOG.info("Autonomy halted by {}: {}", actor, why);
        } else {
            LOG.warn("Autonomy halted by {}: {}", actor, why);
        }
    }

    static void haltQuietly(AutonomousCapability c) {
        try {
            c.halt();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("A capability failed to halt", e);
        }
    }

    static void resumeAll(Collection<AutonomousCapability> capabilities, Actor actor) {
        for (AutonomousCapability c : capabilities) {
            try {
                c.resume();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("A capability failed to resume", e);
            }
        }
        LOG.info("Autonomy resumed by {}", actor);
    }
}
