package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One proposed change of a tool's policy: which tool, which settings, and why. A validated value — pure, no OSGi —
 * that travels as the {@link ProposedAction}'s payload, so that the executor can apply it from the payload alone,
 * also after a restart.
 *
 * <p>The payload is {@code {"tool": "text_word_count", "settings": {"timeoutMs": 1234}}}; the reason goes into the
 * proposal's expected effect, where people read it.
 *
 * @param tool     the tool whose policy changes, e.g. {@code text_word_count}
 * @param settings the policy keys to set, with their values (at least one; ordered as {@link #SETTINGS})
 * @param reason   why, in words (may be empty)
 */
public record PolicyChange(String tool, Map<String, Long> settings, String reason) {

    /** The policy keys this capability may set, in display order. */
    public static final List<String> SETTINGS = List.of(ToolPolicyKeys.TIMEOUT_MS, ToolPolicyKeys.RETRIES,
            ToolPolicyKeys.CACHE_TTL_MS, ToolPolicyKeys.MAX_CONCURRENCY);

    /**
     * The widest values the foundation takes for each key. The foundation clamps autonomy's values further, to the
     * operator's {@code min.<key>}/{@code max.<key>} bounds; checking here only turns nonsense away early, with a
     * message that names the key.
     */
    static final Map<String, long[]> LIMITS = Map.of(
            ToolPolicyKeys.TIMEOUT_MS, new long[]{1, 3_600_000},
            ToolPolicyKeys.RETRIES, new long[]{0, 10},
            ToolPolicyKeys.CACHE_TTL_MS, new long[]{0, 86_400_000},
            ToolPolicyKeys.MAX_CONCURRENCY, new long[]{0, 100_000});

    public static final int MAX_REASON = 500;

    /** Payload keys. */
    static final String TOOL = "tool";
    static final String SETTINGS_KEY = "settings";

    public PolicyChange {
        if (tool == null || !Tool.NAME_PATTERN.matcher(tool).matches()) {
            throw new IllegalArgumentException("tool must be a tool name (" + Tool.NAME_PATTERN + "), was '" + tool
                    + "'");
        }
        Objects.requireNonNull(settings, "settings");
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String key : SETTINGS) {
            Long value = settings.get(key);
            if (value != null) {
                long[] limit = LIMITS.get(key);
                if (value < limit[0] || value > limit[1]) {
                    throw new IllegalArgumentException(key + " must be " + limit[0] + ".." + limit[1] + ", was "
                            + value);
                }
                ordered.put(key, value);
            }
        }
        for (String key : settings.keySet()) {
            if (!LIMITS.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; settings: " + SETTINGS);
            }
        }
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("give at least one of " + SETTINGS);
        }
        settings = Collections.unmodifiableMap(ordered);
        reason = reason == null ? "" : reason.strip();
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason must be at most " + MAX_REASON + " characters, was "
                    + reason.length());
        }
    }

    /** From a tool call's arguments: {@code tool}, any of {@link #SETTINGS}, and {@code reason}. */
    public static PolicyChange fromArguments(Map<String, ?> arguments) {
        Object tool = arguments.get(TOOL);
        Object reason = arguments.get("reason");
        if (reason != null && !(reason instanceof String)) {
            throw new IllegalArgumentException("reason must be a string");
        }
        return new PolicyChange(tool instanceof String ? (String) tool : null, numbers(arguments, SETTINGS),
                (String) reason);
    }

    /**
     * From a proposal's payload (as {@link #payload()} wrote it): what the executor runs. It is checked again, as
     * the payload may have been stored for hours, or written by an older version.
     */
    public static PolicyChange fromPayload(Map<String, ?> payload) {
        Object tool = payload.get(TOOL);
        Object settings = payload.get(SETTINGS_KEY);
        if (!(settings instanceof Map)) {
            throw new IllegalArgumentException("payload has no '" + SETTINGS_KEY + "' object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> values = (Map<String, ?>) settings;
        return new PolicyChange(tool instanceof String ? (String) tool : null, numbers(values, values.keySet()),
                "");
    }

    /** The whole numbers at {@code keys} (absent keys are left out). JSON may bring 1234 as 1234.0: that is fine. */
    private static Map<String, Long> numbers(Map<String, ?> object, Iterable<String> keys) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String key : keys) {
            Object v = object.get(key);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
            }
            out.put(key, wholeNumber(key, (Number) v));
        }
        return out;
    }

    private static long wholeNumber(String key, Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        try {
            BigDecimal d = n instanceof BigInteger ? new BigDecimal((BigInteger) n) : new BigDecimal(n.toString());
            return d.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + n);
        }
    }

    /** The proposal's payload: everything the executor needs, as immutable JSON. */
    public Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>(); // this order in autonomy_proposals and the journal
        payload.put(TOOL, tool);
        payload.put(SETTINGS_KEY, settings);
        return payload;
    }

    /** The proposal's target: two capabilities never change one target at once (the governor's leases). */
    public String target() {
        return "tool:" + tool;
    }

    /** {@code timeoutMs=1234, retries=2}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** What it should do, in words, for whoever reads the approvals queue and the journal. */
    public String expectedEffect() {
        return tool + " runs with " + describe() + " (as far as the operator's bounds allow)"
                + (reason.isEmpty() ? "" : ": " + reason);
    }

    /**
     * The proposal to hand to the governor. Reversible: the executor can restore what was there before.
     *
     * @param id          a new unique id
     * @param requestedBy who asked (here: the MCP client that called {@code tuner_propose})
     * @param now         when
     */
    public ProposedAction toProposal(String id, Actor requestedBy, Instant now) {
        return new ProposedAction(id, PolicyTunerCapability.NAME, PolicyTunerCapability.KIND, target(), payload(),
                true, expectedEffect(), requestedBy, now);
    }
}
