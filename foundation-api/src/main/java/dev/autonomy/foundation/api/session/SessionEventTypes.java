package dev.autonomy.foundation.api.session;

/** Event types and data keys shared by producers and consumers, so that they cannot drift apart. */
public final class SessionEventTypes {

    private SessionEventTypes() {
    }

    // --- types published by the foundation
    public static final String SESSION_STARTED = "session_started";
    public static final String SESSION_ENDED = "session_ended";
    public static final String REQUEST_COMPLETED = "request_completed";
    public static final String REQUEST_FAILED = "request_failed";
    /** A handler's queue overflowed; data: {@link #HANDLER}, {@link #DROPPED}. */
    public static final String EVENTS_DROPPED = "events_dropped";
    public static final String TOOL_REGISTERED = "tool_registered";
    public static final String TOOL_UNREGISTERED = "tool_unregistered";

    // --- types of later phases, declared here so that Phase 4 can listen without importing Phase 3
    public static final String AGENT_REGISTERED = "agent_registered";
    public static final String AGENT_UNREGISTERED = "agent_unregistered";
    public static final String AGENT_ROUTED = "agent_routed";
    public static final String CAPABILITY_GAP = "capability_gap";

    // --- data keys
    public static final String TOOL = "tool";
    public static final String DURATION_MICROS = "durationMicros";
    /** {@code success}, {@code tool_error} (an isError result), {@code invalid_arguments}, {@code timeout},
     * {@code busy}, {@code internal_error}, {@code denied}, {@code cancelled}. */
    public static final String OUTCOME = "outcome";
    public static final String ERROR_CLASS = "errorClass";
    public static final String ARGUMENT_BYTES = "argumentBytes";
    public static final String RESULT_BYTES = "resultBytes";
    public static final String CACHED = "cached";
    public static final String ATTEMPTS = "attempts";
    public static final String PARENT_REQUEST_ID = "parentRequestId";
    public static final String DEPTH = "depth";
    public static final String CLIENT_NAME = "clientName";
    public static final String CLIENT_VERSION = "clientVersion";
    public static final String TRANSPORT = "transport";
    public static final String REASON = "reason";
    public static final String HANDLER = "handler";
    public static final String DROPPED = "dropped";
    public static final String REQUESTS = "requests";

    /**
     * {@link #REQUEST_COMPLETED}, {@link #REQUEST_FAILED}: the experiment of autonomy's policy override for the
     * tool, when one with a holdout is active.
     */
    public static final String EXPERIMENT = "experiment";
    /** With {@link #EXPERIMENT}: {@link #VARIANT_TREATMENT} (the override applied) or {@link #VARIANT_HOLDOUT}. */
    public static final String VARIANT = "variant";
    public static final String VARIANT_TREATMENT = "treatment";
    public static final String VARIANT_HOLDOUT = "holdout";
    /**
     * {@link #REQUEST_COMPLETED}, {@link #REQUEST_FAILED} of tools annotated idempotent and session-independent:
     * a keyed 64-bit hash (HMAC-SHA-256, hex) of the canonical arguments, so that repeated arguments can be
     * recognised without their values. The key changes when the server restarts.
     */
    public static final String ARGUMENTS_FINGERPRINT = "argumentsFingerprint";
    // --- data keys of the agent events (Phase 3)
    /** {@link #AGENT_REGISTERED}, {@link #AGENT_UNREGISTERED}: the agent's id. */
    public static final String AGENT_ID = "agentId";
    /** {@link #AGENT_REGISTERED}, {@link #AGENT_UNREGISTERED}: the agent's semantic version. */
    public static final String VERSION = "version";
    /** {@link #AGENT_REGISTERED}, {@link #AGENT_UNREGISTERED}: the names of the agent's capabilities. */
    public static final String CAPABILITIES = "capabilities";
    /** {@link #AGENT_ROUTED}, {@link #CAPABILITY_GAP}: the capability asked for. */
    public static final String CAPABILITY = "capability";
    /** {@link #AGENT_ROUTED}: the id of the agent chosen. */
    public static final String CHOSEN = "chosen";
    /** {@link #AGENT_ROUTED}: the ids of the agents that offered the capability. */
    public static final String CANDIDATES = "candidates";
    /** {@link #AGENT_ROUTED}: the probability with which the chosen agent was chosen. */
    public static final String PROPENSITY = "propensity";
    /** {@link #AGENT_ROUTED}, {@link #CAPABILITY_GAP}: the session of the request. */
    public static final String SESSION_ID = "sessionId";
    /** {@link #CAPABILITY_GAP}: the input's field names and JSON types (an object), never its values. */
    public static final String INPUT_SHAPE = "inputShape";

    // --- outcomes
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_TOOL_ERROR = "tool_error";
    public static final String OUTCOME_INVALID_ARGUMENTS = "invalid_arguments";
    public static final String OUTCOME_TIMEOUT = "timeout";
    public static final String OUTCOME_BUSY = "busy";
    public static final String OUTCOME_INTERNAL_ERROR = "internal_error";
    public static final String OUTCOME_DENIED = "denied";
    public static final String OUTCOME_CANCELLED = "cancelled";
    public static final String OUTCOME_UNKNOWN_TOOL = "unknown_tool";
}
