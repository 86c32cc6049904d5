/**
 * The adaptation probe: a bundle that {@code benchmarks/run.sh learn} drops into the {@code deploy/} folder of its
 * private container, to measure inside the container how soon a decision shows in the calls that follow it.
 *
 * <ul>
 *   <li>{@link dev.autonomy.benchmarks.probe.BenchAgentA} and {@link dev.autonomy.benchmarks.probe.BenchAgentB}:
 *       two agents offering capability {@value dev.autonomy.benchmarks.probe.Probe#CAPABILITY};</li>
 *   <li>{@link dev.autonomy.benchmarks.probe.RoutePlugin}: a plugin that gives {@code agent_route} requests of that
 *       capability the routing advice held in a volatile field (as learning's plugin serves its published
 *       snapshot);</li>
 *   <li>{@link dev.autonomy.benchmarks.probe.FlakyTool}: {@code bench_flaky}, which fails the first attempt of each
 *       new nonce, so a call's outcome shows whether its policy had a retry;</li>
 *   <li>{@link dev.autonomy.benchmarks.probe.LatencyTool}: {@code bench_adaptation_latency}, which changes the
 *       advice or autonomy's policy override of {@code bench_flaky} again and again and times each change until
 *       the first call under the new behaviour.</li>
 * </ul>
 * Not part of the distribution; the bundle exports nothing.
 */
package dev.autonomy.benchmarks.probe;
