package dev.autonomy.creator.propose;

import dev.autonomy.creator.build.AgentBuilder.StageTime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a creation request came to.
 *
 * @param status      created, queued, rejected or failed
 * @param failedStage the stage that failed ({@code spec}, {@code compile}, {@code check}, {@code test}, {@code
 *                    activate}, {@code probe} …), empty otherwise
 * @param details     compiler diagnostics, violations, failing tests or schema errors, one per line
 */
public record CreateOutcome(Status status, String id, int revision, String proposalId, String sha256,
                            String failedStage, String reason, List<String> details, List<StageTime> stages,
                            long totalMicros) {

    /** What a creation request came to; {@link #label()} is what clients read. */
    public enum Status {
        CREATED, QUEUED, REJECTED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CreateOutcome {
        java.util.Objects.requireNonNull(status, "status");
        details = List.copyOf(details);
        stages = List.copyOf(stages);
    }

    public boolean ok() {
        return status == Status.CREATED || status == Status.QUEUED;
    }

    public static CreateOutcome failed(String id, String stage, String reason, List<String> details,
                                       List<StageTime> stages, long micros) {
        return new CreateOutcome(Status.FAILED, id, 0, "", "", stage, reason, details, stages, micros);
    }

    /** A request turned down before anything was built: no details, no stages. */
    public static CreateOutcome refused(String id, String stage, String reason, long startNanos) {
        return failed(id, stage, reason, List.of(), List.of(), microsSince(startNanos));
    }

    /** Elapsed time of a request, from its {@link System#nanoTime()} start (a stopwatch, not a clock). */
    public static long microsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    /** As JSON for tool results, events and the history. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.label());
        m.put("id", id);
        if (revision > 0) {
            m.put("revision", revision);
        }
        if (!proposalId.isEmpty()) {
            m.put("proposalId", proposalId);
        }
        if (!sha256.isEmpty()) {
            m.put("sha256", sha256);
        }
        if (status == Status.CREATED) {
            m.put("tool", "agent_" + id);
        }
        if (!failedStage.isEmpty()) {
            m.put("stage", failedStage);
        }
        if (!reason.isEmpty()) {
            m.put("reason", reason);
        }
        if (!details.isEmpty()) {
            m.put("details", details);
        }
        Map<String, Object> times = new LinkedHashMap<>();
        stages.forEach(s -> times.put(s.stage(), s.micros() / 1000.0));
        m.put("stageMillis", times);
        m.put("totalMillis", totalMicros / 1000.0);
        return m;
    }

    /** One readable line. */
    public String summary() {
        switch (status) {
            case CREATED:
                return "Agent '" + id + "' revision " + revision + " is serving as tool agent_" + id
                        + " (built in " + totalMicros / 1000 + " ms).";
            case QUEUED:
                return "Agent '" + id + "' revision " + revision + " was built and tested; it waits for approval "
                        + "as proposal " + proposalId + " (autonomy:approve " + proposalId + "). Jar SHA-256 "
                        + sha256 + ".";
            case REJECTED:
                return "The governor rejected agent '" + id + "': " + reason;
            default:
                return "Creating agent '" + id + "' failed at stage " + failedStage + ": " + reason;
        }
    }
}
