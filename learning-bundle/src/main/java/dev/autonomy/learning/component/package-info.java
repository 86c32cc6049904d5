/**
 * Learning's Declarative Services component and the plain classes it delegates to. {@link
 * dev.autonomy.learning.component.LearningComponent} is the OSGi shell; {@link
 * dev.autonomy.learning.component.Learner} is a small facade over the parts:
 * <ul>
 *   <li>{@code Intake}: session events to experiences in the store; the memory of recent requests;</li>
 *   <li>{@code Analysis}: a cycle's one pass over the store (patterns, knowledge, the arms of running
 *       experiments), also run on demand for queries between cycles through {@code SingleFlight} (one at a time,
 *       its result reused for a few seconds);</li>
 *   <li>{@code Publication}: routing advice and the {@code adaptive_learning_context} extension, published as
 *       immutable snapshots;</li>
 *   <li>{@code Ratings}: {@code learn_feedback} and {@code forget};</li>
 *   <li>{@code ExperimentLifecycle}: proposals, validation, keep and revert, through the governor;</li>
 *   <li>{@code AdaptationExecutor}: what the governor applies and rolls back;</li>
 *   <li>{@code AdaptationBook}: the persisted adaptations, with their states and notes; {@code PolicyActions} and
 *       {@code ConfigAdminPolicies}: tool policies in ConfigurationAdmin.</li>
 * </ul>
 *
 * <p>Locks, each guarding one thing, and none held while the governor is called:
 * <ul>
 *   <li>{@code Learner.cycleLock}: one cycle at a time (analysis, verdicts, proposals run under it);</li>
 *   <li>{@code CycleSchedule.scheduleLock}: the scheduled cycle task;</li>
 *   <li>{@code SingleFlight.flightLock}: the last analysis on demand and the one in flight (the analysis runs
 *       outside it);</li>
 *   <li>{@code Intake.intakeLock}: routing decisions waiting for their outcome, and the recent requests;</li>
 *   <li>{@code Ratings.ratingsLock}: each session's recent rating times (the rate limit);</li>
 *   <li>{@code Publication.publishLock}: the routing weights' random source, the snapshot and what is published,
 *       the recent effectiveness reports (the book is read under it);</li>
 *   <li>the {@code AdaptationBook}'s own monitor: its entries and file (innermost: nothing is called under it).</li>
 * </ul>
 */
package dev.autonomy.learning.component;
