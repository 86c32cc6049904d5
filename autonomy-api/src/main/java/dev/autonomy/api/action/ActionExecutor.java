package dev.autonomy.api.action;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Applies and rolls back the actions of one capability, published as an OSGi service with the property
 * {@value #CAPABILITY}. The governor calls it only for approved actions — at once in {@code auto} mode, or when a
 * person approves, possibly after a restart: so {@link #apply} must work from the payload alone.
 */
@ConsumerType
public interface ActionExecutor {

    /** Service property: the capability whose actions this executor runs. */
    String CAPABILITY = "autonomy.capability";

    /** Applies the action; failures the caller should see are a failed result, not an exception. */
    ExecutionResult apply(ProposedAction action) throws Exception;

    /** Undoes an applied action, given what {@link #apply} returned. */
    ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws Exception;
}
