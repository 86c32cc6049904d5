package dev.autonomy.api.governor;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;

/**
 * One autonomy plugin as the governor sees it, published as an OSGi service with the property {@value #NAME}.
 * Its bundle carries the manifest header {@value #BUNDLE_HEADER} with the same name, so that the operator can start
 * and stop the capability (its bundle) even while the service is gone.
 */
@ConsumerType
public interface AutonomousCapability {

    /** Service property and name: {@code self-improvement}, {@code agent-creation}, {@code goals}, {@code learning}. */
    String NAME = "autonomy.capability";

    /** Manifest header naming the capability a bundle provides. */
    String BUNDLE_HEADER = "Autonomy-Capability";

    String name();

    /** Figures for {@code autonomy:status} (immutable JSON). */
    Map<String, Object> status();

    /** Stops every autonomous activity at once (global halt); observing may go on. */
    void halt();

    /** Resumes after a halt. */
    default void resume() {
    }
}
