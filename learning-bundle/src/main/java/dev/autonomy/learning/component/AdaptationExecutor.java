package dev.autonomy.learning.component;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.AdaptationState;
import dev.autonomy.learning.core.Providers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The executor: applies and rolls back approved adaptations when the governor says so (on the cycle's thread in mode
 * auto, on a shell's on a person's approval). Routing and context adaptations start or stop serving; tool policy
 * adaptations write or undo autonomy's override of the tool. It holds no lock of its own: each change of the book is
 * one atomic update, and no lock is held while the governor calls in.
 */
final class AdaptationExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptationExecutor.class);

    private final AdaptationBook book;
    private final PolicyActions policyActions;
    private final Publication publication;
    private final Clock clock;

    AdaptationExecutor(AdaptationBook book, PolicyActions policyActions, Publication publication, Clock clock) {
        this.book = book;
        this.policyActions = policyActions;
        this.publication = publication;
        this.clock = clock;
    }

    /**
     * Applies an approved adaptation, from the proposal alone when need be (approved after a restart): routing and
     * context adaptations start serving; tool policy adaptations write autonomy's override of the tool, with the
     * holdout. The effect is the rollback recipe.
     */
    ExecutionResult apply(ProposedAction action) throws IOException {
        Adaptation a;
        try {
            a = book.get(action.id()).map(AdaptationBook.Entry::adaptation)
                    .orElse(Adaptation.fromProposedAction(action));
            if (!a.kind().actionKind().equals(action.kind()) || !a.target().equals(action.target())) {
                return ExecutionResult.failed("the proposal does not match adaptation " + a.id());
            }
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed("payload rejected: " + e.getMessage());
        }
        if (a.status() == Adaptation.Status.KEPT || a.status() == Adaptation.Status.REVERTED) {
            // (a REJECTED one may still be approved: learning marks a proposal rejected when the governor no longer
            // lists it, which is also the case for a moment while a person's approval is being carried out)
            return ExecutionResult.failed("adaptation " + a.id() + " is " + a.status().name().toLowerCase(Locale.ROOT)
                    + " already");
        }
        if (book.get(a.id()).map(e -> e.state() == AdaptationState.EXPIRED).orElse(false)) {
            return ExecutionResult.failed("adaptation " + a.id() + " expired: it waited more than "
                    + ExperimentLifecycle.PROPOSAL_TTL.toHours() + " h for approval and its evidence is old; learning "
                    + "proposes it again if the evidence still holds");
        }
        Map<String, Object> effect;
        String message;
        if (PolicyActions.isPolicy(a)) {
            PolicyActions.Applied applied;
            try {
                applied = policyActions.apply(a);
            } catch (IllegalArgumentException e) {
                return ExecutionResult.failed("payload rejected: " + e.getMessage());
            }
            effect = applied.effect();
            message = applied.message();
        } else {
            effect = Map.of("adaptation", a.id(), "kind", kindName(a), "target", a.target());
            message = a.kind() == Adaptation.Kind.ROUTING
                    ? "routing advice for " + Providers.name(a.target()) + " by Thompson sampling, for all but "
                    + Math.round(100 * a.holdoutShare()) + " % of the requests (the holdout)"
                    : "learned preferences in " + Learner.EXTENSION + " for all but "
                    + Math.round(100 * a.holdoutShare()) + " % of the requests (the holdout)";
        }
        Instant now = clock.instant();
        Adaptation started = a.withStatus(Adaptation.Status.ACTIVE, now);
        if (book.get(a.id()).isEmpty()) {
            book.put(started, "approved");
        }
        book.update(a.id(), e -> e.with(started).withEffect(effect).withNote(AdaptationState.ACTIVE,
                "active: " + message));
        publication.republish();
        LOG.info("Learning applied {}: {}", a.id(), message);
        return ExecutionResult.ok(message, effect);
    }

    /**
     * Undoes an applied adaptation (the governor calls this, on learning's verdict or a person's command). The
     * effect carries the experiment's last evidence, so that the journal's rollback entry shows why — also for an
     * inconclusive experiment, which is not reported as a validation.
     */
    ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        Adaptation a = book.get(action.id()).map(AdaptationBook.Entry::adaptation).orElse(null);
        if (a == null) {
            try {
                a = Adaptation.fromProposedAction(action);
            } catch (IllegalArgumentException e) {
                return ExecutionResult.failed("cannot roll back " + action.id() + ": " + e.getMessage());
            }
        }
        String message;
        try {
            message = undo(a, applied.effect());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed("cannot roll back " + action.id() + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        if (book.get(a.id()).isEmpty()) {
            book.put(a, "");
        }
        book.update(a.id(), e -> e.with(e.adaptation().status() == Adaptation.Status.REVERTED ? e.adaptation()
                : e.adaptation().withStatus(Adaptation.Status.REVERTED, now))
                .withNote(AdaptationState.REVERTED, "reverted: " + message));
        publication.republish();
        LOG.info("Learning rolled back {}: {}", a.id(), message);
        Map<String, Object> effect = new LinkedHashMap<>();
        effect.put("adaptation", a.id());
        book.get(a.id()).map(AdaptationBook.Entry::report).filter(r -> !r.isEmpty())
                .ifPresent(r -> effect.put("evidence", r));
        return ExecutionResult.ok(message, effect);
    }

    /** Undoes what applying did; returns what was done. */
    String undo(Adaptation a, Map<String, Object> effect) {
        if (!PolicyActions.isPolicy(a)) {
            return a.kind() == Adaptation.Kind.ROUTING ? "routing advice for " + Providers.name(a.target())
                    + " withdrawn" : "learned preferences withdrawn from " + Learner.EXTENSION;
        }
        try {
            return policyActions.undo(a, effect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kindName(Adaptation a) {
        return a.kind().name().toLowerCase(Locale.ROOT);
    }
}
