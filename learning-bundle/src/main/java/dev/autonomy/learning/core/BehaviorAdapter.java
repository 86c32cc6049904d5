package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.Adaptation.Kind;
import dev.autonomy.learning.core.Adaptation.Metric;
import dev.autonomy.learning.core.Adaptation.Status;
import dev.autonomy.learning.core.Knowledge.Insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stage 4, {@code adapt_system_behavior}: knowledge to proposed {@link Adaptation}s — data only; the component
 * submits each as a {@link dev.autonomy.api.action.ProposedAction} to the governor. Every adaptation is reversible,
 * keeps {@code holdoutShare} of the traffic on the old behaviour, and is judged by
 * {@link EffectivenessValidator}.
 *
 * <table>
 *   <caption>Rules (in this order; at most one open adaptation per target)</caption>
 *   <tr><th>knowledge</th><th>adaptation</th><th>payload</th></tr>
 *   <tr><td>BEST_AGENT, ≥ 2 agents offer the capability</td><td>ROUTING on {@code capability:<c>}: Thompson
 *       sampling with floor ε; metric failure</td>
 *       <td>{@code capability, policy: "thompson", floor, draws, agents, arms}</td></tr>
 *   <tr><td>TRANSIENT_FAILURES, tool idempotent</td><td>RETRY: retries + 1, at most {@code maxRetries}, within the
 *       operator's bounds; metric failure</td><td>{@code tool, settings: {retries}, previous: {retries}}</td></tr>
 *   <tr><td>TIMEOUT_PRESSURE, timeout in force known</td><td>TIMEOUT: raised to max(1.5 × limit, 2 × p99) when
 *       successes reach 80 % of the limit; lowered to 4 × p99 (fail fast) when they stay under 25 % of it, the
 *       tool is idempotent and retries are in force (without a retry, a lower limit only turns slow successes into
 *       failures: it can never win under the failure metric); within bounds; metric failure</td>
 *       <td>{@code tool, settings: {timeoutMs}, previous: {timeoutMs}}</td></tr>
 *   <tr><td>CACHE_CANDIDATE, tool idempotent and session-independent, no cache yet</td><td>CACHE: {@code
 *       cacheTtlMillis} within bounds; metric slow (a call slower than the median success is bad)</td>
 *       <td>{@code tool, settings: {cacheTtlMs}, previous: {cacheTtlMs}}</td></tr>
 *   <tr><td>PREFERRED_PROVIDER, DISLIKED_PROVIDER</td><td>CONTEXT on {@code context:adaptive_learning_context}:
 *       the preferences in the context extension; metric failure</td><td>{@code preferences: [...]}</td></tr>
 * </table>
 * Skipped: a target with an open (proposed or active) adaptation, a kind and target already kept, one reverted
 * or rejected less than {@code revertCooldown} ago, and anything beyond {@code maxConcurrentExperiments}: a kind the
 * governor applies at once (mode auto) counts against the experiments running (ACTIVE), any other kind against the
 * proposals waiting for a person (PROPOSED) — so proposals queued for approval never hold up an automatic kind,
 * and the approvals queue never grows beyond the limit either.
 */
public final class BehaviorAdapter {

    private BehaviorAdapter() {
    }

    /** The context extension's name; also the target of CONTEXT adaptations. */
    public static final String CONTEXT_EXTENSION = "adaptive_learning_context";
    public static final String CONTEXT_TARGET = Providers.CONTEXT + CONTEXT_EXTENSION;

    /**
     * New adaptations for {@code knowledge}, given the adaptations so far.
     *
     * @param current adaptations known (any status), to avoid duplicates and respect cooldowns
     * @param facts   tool annotations, policies and bounds; agents by capability
     * @param now     the time of the proposal (ids are derived from it)
     */
    public static List<Adaptation> adaptSystemBehavior(ActionableKnowledge knowledge, List<Adaptation> current,
                                                       SystemFacts facts, Instant now, LearningSettings settings) {
        return adaptSystemBehavior(knowledge, current, facts, now, settings, EnumSet.allOf(Kind.class));
    }

    /**
     * As {@link #adaptSystemBehavior(ActionableKnowledge, List, SystemFacts, Instant, LearningSettings)}, knowing
     * which kinds the governor applies at once.
     *
     * @param appliedAtOnce kinds in mode auto: they count against the running experiments (ACTIVE); the others
     *                      against the proposals waiting for approval (PROPOSED); each at most
     *                      {@code maxConcurrentExperiments}
     */
    public static List<Adaptation> adaptSystemBehavior(ActionableKnowledge knowledge, List<Adaptation> current,
                                                       SystemFacts facts, Instant now, LearningSettings settings,
                                                       Set<Kind> appliedAtOnce) {
        Set<String> busyTargets = new HashSet<>();
        int[] open = new int[2]; // running (ACTIVE), waiting (PROPOSED)
        for (Adaptation a : current) {
            if (a.status().isOpen()) {
                busyTargets.add(a.target());
                open[a.status() == Status.ACTIVE ? 0 : 1]++;
            }
        }
        List<Adaptation> out = new ArrayList<>();
        List<Knowledge> ordered = new ArrayList<>(knowledge.successAmplification());
        ordered.addAll(knowledge.failurePrevention());
        ordered.addAll(knowledge.optimizations());
        List<Knowledge> preferences = new ArrayList<>();
        for (Knowledge k : knowledge.userAdaptations()) {
            if (k.insight() == Insight.PREFERRED_PROVIDER || k.insight() == Insight.DISLIKED_PROVIDER) {
                preferences.add(k);
            }
        }
        int max = settings.maxConcurrentExperiments();
        for (Knowledge k : ordered) {
            if (open[0] >= max && open[1] >= max) {
                break;
            }
            Adaptation a = switch (k.insight()) {
                case BEST_AGENT -> routing(k, facts, now, settings);
                case TRANSIENT_FAILURES -> retry(k, facts, now, settings);
                case TIMEOUT_PRESSURE -> timeout(k, facts, now, settings);
                case CACHE_CANDIDATE -> cache(k, facts, now, settings);
                default -> null; // informative only (regressions, failing inputs, reliable providers)
            };
            int slot = a == null ? 0 : appliedAtOnce.contains(a.kind()) ? 0 : 1;
            if (a != null && open[slot] < max && admissible(a, current, busyTargets, now, settings)) {
                out.add(a);
                busyTargets.add(a.target());
                open[slot]++;
            }
        }
        int slot = appliedAtOnce.contains(Kind.CONTEXT) ? 0 : 1;
        if (!preferences.isEmpty() && open[slot] < max) {
            Adaptation a = context(preferences, now, settings);
            if (admissible(a, current, busyTargets, now, settings)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    private static boolean admissible(Adaptation a, List<Adaptation> current, Set<String> busyTargets, Instant now,
                                      LearningSettings settings) {
        if (busyTargets.contains(a.target())) {
            return false;
        }
        for (Adaptation c : current) {
            if (c.kind() != a.kind() || !c.target().equals(a.target())) {
                continue;
            }
            if (c.status() == Status.KEPT) {
                return false;
            }
            if (c.status().isDropped() && c.decidedAt() != null
                    && Duration.between(c.decidedAt(), now).compareTo(settings.revertCooldown()) < 0) {
                return false;
            }
        }
        return true;
    }

    static String id(Kind kind, String target, Instant now) {
        return "learning-" + kind.name().toLowerCase(Locale.ROOT) + "-" + target.replaceAll("[^A-Za-z0-9_.-]", "_")
                + "-" + now.toEpochMilli();
    }

    private static Adaptation routing(Knowledge k, SystemFacts facts, Instant now, LearningSettings s) {
        String capability = Providers.name(k.target());
        List<String> agents = new ArrayList<>();
        List<?> arms = k.detail().get("arms") instanceof List ? (List<?>) k.detail().get("arms") : List.of();
        List<String> offered = facts.agentsByCapability().get(capability);
        if (offered != null) {
            agents.addAll(offered);
        } else {
            for (Object o : arms) {
                if (o instanceof Map && ((Map<?, ?>) o).get("agent") instanceof String) {
                    agents.add((String) ((Map<?, ?>) o).get("agent"));
                }
            }
        }
        if (agents.size() < 2) {
            return null;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("capability", capability);
        payload.put("policy", "thompson");
        payload.put("floor", s.routingFloor());
        payload.put("draws", s.routingDraws());
        payload.put("agents", agents);
        payload.put("arms", arms);
        return new Adaptation(id(Kind.ROUTING, k.target(), now), Kind.ROUTING, k.target(), payload, s.holdoutShare(),
                Metric.FAILURE, 0, Status.PROPOSED, now, null, null, k.evidence(),
                "route " + capability + " by Thompson sampling (floor " + s.routingFloor() + "): " + k.summary());
    }

    private static Adaptation retry(Knowledge k, SystemFacts facts, Instant now, LearningSettings s) {
        String tool = Providers.name(k.target());
        SystemFacts.ToolFacts t = facts.tools().get(tool);
        if (t == null || !t.annotations().idempotentHint()) {
            return null; // retrying a call that changes things could do it twice
        }
        long current = t.current(ToolPolicyKeys.RETRIES, 0);
        long proposed = t.clamp(ToolPolicyKeys.RETRIES, Math.min(current + 1, s.maxRetries()));
        if (proposed <= current) {
            return null;
        }
        return policy(Kind.RETRY, k, tool, ToolPolicyKeys.RETRIES, current, proposed, Metric.FAILURE, 0, now, s,
                "retry " + tool + " up to " + proposed + " times: " + k.summary());
    }

    private static Adaptation timeout(Knowledge k, SystemFacts facts, Instant now, LearningSettings s) {
        String tool = Providers.name(k.target());
        SystemFacts.ToolFacts t = facts.tools().get(tool);
        if (t == null) {
            return null;
        }
        long current = t.current(ToolPolicyKeys.TIMEOUT_MS, 0);
        Object p99 = k.detail().get("p99Micros");
        if (current <= 0 || !(p99 instanceof Number)) {
            return null; // the limit in force is not known
        }
        double p99Millis = ((Number) p99).doubleValue() / 1000;
        long proposed;
        String why;
        if (p99Millis >= 0.8 * current) {
            proposed = t.clamp(ToolPolicyKeys.TIMEOUT_MS, (long) Math.ceil(Math.max(1.5 * current, 2 * p99Millis)));
            why = "raise the time limit of " + tool + " to " + proposed + " ms: successful calls come close to it. ";
        } else if (p99Millis <= 0.25 * current && t.annotations().idempotentHint()
                && t.current(ToolPolicyKeys.RETRIES, 0) > 0) {
            // failing a hanging call early helps only when it is tried again: without a retry, a lower limit can
            // only turn slow successes into failures, which the failure metric could never show better
            proposed = t.clamp(ToolPolicyKeys.TIMEOUT_MS, Math.max(1, (long) Math.ceil(4 * p99Millis)));
            why = "lower the time limit of " + tool + " to " + proposed + " ms: calls that succeed do so quickly, "
                    + "those that time out hang, and a retry gets another chance sooner. ";
        } else {
            return null;
        }
        if (proposed == current) {
            return null;
        }
        return policy(Kind.TIMEOUT, k, tool, ToolPolicyKeys.TIMEOUT_MS, current, proposed, Metric.FAILURE, 0, now, s,
                why + k.summary());
    }

    private static Adaptation cache(Knowledge k, SystemFacts facts, Instant now, LearningSettings s) {
        String tool = Providers.name(k.target());
        SystemFacts.ToolFacts t = facts.tools().get(tool);
        if (t == null || !t.annotations().cacheable()) {
            return null; // only idempotent, session-independent results may be shared
        }
        long current = t.current(ToolPolicyKeys.CACHE_TTL_MS, 0);
        if (current > 0) {
            return null;
        }
        long proposed = t.clamp(ToolPolicyKeys.CACHE_TTL_MS, s.cacheTtlMillis());
        if (proposed <= 0) {
            return null;
        }
        long p50 = k.detail().get("p50Micros") instanceof Number ? ((Number) k.detail().get("p50Micros")).longValue()
                : 0;
        return policy(Kind.CACHE, k, tool, ToolPolicyKeys.CACHE_TTL_MS, current, proposed, Metric.SLOW,
                Math.max(1, p50), now, s, "cache results of " + tool + " for " + proposed + " ms: " + k.summary());
    }

    private static Adaptation policy(Kind kind, Knowledge k, String tool, String key, long current, long proposed,
                                     Metric metric, long slowMicros, Instant now, LearningSettings s,
                                     String rationale) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tool", tool);
        payload.put("settings", Map.of(key, proposed));
        payload.put("previous", Map.of(key, current));
        return new Adaptation(id(kind, k.target(), now), kind, k.target(), payload, s.holdoutShare(), metric,
                slowMicros, Status.PROPOSED, now, null, null, k.evidence(), rationale);
    }

    private static Adaptation context(List<Knowledge> preferences, Instant now, LearningSettings s) {
        List<Object> list = new ArrayList<>();
        long count = 0;
        double effect = 0;
        double confidence = 1;
        for (Knowledge k : preferences) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", k.target());
            m.put("preference", k.insight() == Insight.PREFERRED_PROVIDER ? "preferred" : "disliked");
            m.put("meanRating", k.detail().get("meanRating"));
            m.put("ratings", k.detail().get("ratings"));
            list.add(m);
            count += k.evidence().count();
            effect = Math.max(effect, k.evidence().effectSize());
            confidence = Math.min(confidence, k.evidence().confidence());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("extension", CONTEXT_EXTENSION);
        payload.put("preferences", list);
        return new Adaptation(id(Kind.CONTEXT, CONTEXT_TARGET, now), Kind.CONTEXT, CONTEXT_TARGET, payload,
                s.holdoutShare(), Metric.FAILURE, 0, Status.PROPOSED, now, null, null,
                new Evidence(count, effect, confidence),
                "tell clients which providers people prefer or dislike (" + list.size() + " learned preferences)");
    }
}
