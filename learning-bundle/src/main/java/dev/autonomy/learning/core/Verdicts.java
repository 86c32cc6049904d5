package dev.autonomy.learning.core;

import java.time.Duration;

/**
 * What learning does with the verdict of an experiment that is over. A KEEP is carried out only with a governor and
 * not halted; otherwise it waits, but not beyond {@code maxExperimentDuration}: then the adaptation is reverted, so
 * that no experiment keeps a holdout for ever. A REVERT is always carried out (going back needs no permission).
 */
public final class Verdicts {

    private Verdicts() {
    }

    public enum Action {
        /** Keep it, through the governor. */
        KEEP,
        /** Better with confidence, but it cannot be kept now: wait (the note says why). */
        WAIT,
        /** Undo it. */
        REVERT
    }

    /**
     * One step.
     *
     * @param reason what the note says (for WAIT, the whole note)
     * @param worse  whether the test showed it worse with confidence (only then a validation without gain is
     *               reported)
     */
    public record Step(Action action, String reason, boolean worse) {
    }

    /**
     * The step for a report that is {@linkplain EffectivenessReport#done() done}.
     *
     * @param report   the final report
     * @param elapsed  how long the experiment has run
     * @param governor whether a governor runs
     * @param halted   whether autonomy is halted
     * @param max      the longest an experiment may run
     */
    public static Step step(EffectivenessReport report, Duration elapsed, boolean governor, boolean halted,
                            Duration max) {
        if (report.verdict() != EffectivenessReport.Verdict.KEEP) {
            return new Step(Action.REVERT, report.reason(), report.shownWorse());
        }
        if (governor && !halted) {
            return new Step(Action.KEEP, report.reason(), false);
        }
        String why = governor ? "autonomy is halted" : "no governor runs";
        if (elapsed.compareTo(max) < 0) {
            return new Step(Action.WAIT, "better with confidence; kept once " + (governor ? "autonomy resumes"
                    : "a governor runs") + " (" + why + "), unless its time is up first", false);
        }
        return new Step(Action.REVERT, "better with confidence, but not kept within " + max.toSeconds() + " s ("
                + why + "): " + report.reason(), false);
    }
}
