package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;

import java.util.Objects;

/**
 * Why a call was answered without running its tool, and the text the client reads. The kind decides what the
 * request event reports, so the engine answers every refusal the same way.
 */
public record Refusal(Kind kind, String message) {

    public enum Kind {
        /** No such tool: a protocol error for clients rather than a result. */
        UNKNOWN_TOOL(SessionEventTypes.OUTCOME_UNKNOWN_TOOL, "UnknownTool"),
        /** The server is draining. */
        SHUTTING_DOWN(SessionEventTypes.OUTCOME_BUSY, "ShuttingDown"),
        DEPTH_EXCEEDED(SessionEventTypes.OUTCOME_DENIED, "DepthExceeded"),
        ARGUMENTS_TOO_LARGE(SessionEventTypes.OUTCOME_INVALID_ARGUMENTS, "ArgumentsTooLarge"),
        /** The arguments do not match the tool's input schema. */
        INVALID_ARGUMENTS(SessionEventTypes.OUTCOME_INVALID_ARGUMENTS, "InvalidArguments"),
        /** All the tool's concurrency slots are taken. */
        BUSY(SessionEventTypes.OUTCOME_BUSY, "Busy");

        private final String outcome;
        private final String errorClass;

        Kind(String outcome, String errorClass) {
            this.outcome = outcome;
            this.errorClass = errorClass;
        }
    }

    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static Refusal unknownTool(String tool) {
        return new Refusal(Kind.UNKNOWN_TOOL, "Unknown tool: " + tool);
    }

    public static Refusal shuttingDown() {
        return new Refusal(Kind.SHUTTING_DOWN, "The server is shutting down; try again shortly.");
    }

    public static Refusal depthExceeded(String tool, int limit) {
        return new Refusal(Kind.DEPTH_EXCEEDED, "Call depth limit of " + limit + " exceeded calling " + tool);
    }

    public static Refusal argumentsTooLarge(String tool, int bytes, int limit) {
        return new Refusal(Kind.ARGUMENTS_TOO_LARGE, "Arguments of " + tool + " are too large (" + bytes
                + " bytes, limit " + limit + ")");
    }

    /** @param problem what the validator found wrong */
    public static Refusal invalidArguments(String tool, String problem) {
        return new Refusal(Kind.INVALID_ARGUMENTS, "Invalid arguments for tool " + tool + ": " + problem);
    }

    public static Refusal busy(String tool, int maxConcurrency) {
        return new Refusal(Kind.BUSY, "Tool " + tool + " is busy (" + maxConcurrency
                + " calls at once); try again shortly.");
    }

    /** The request event's {@value SessionEventTypes#OUTCOME}. */
    public String outcome() {
        return kind.outcome;
    }

    /** The request event's {@value SessionEventTypes#ERROR_CLASS}. */
    public String errorClass() {
        return kind.errorClass;
    }

    /** Refused before the arguments were looked at: the event reports 0 argument bytes. */
    public boolean beforeArguments() {
        return switch (kind) {
            case UNKNOWN_TOOL, SHUTTING_DOWN, DEPTH_EXCEEDED -> true;
            case ARGUMENTS_TOO_LARGE, INVALID_ARGUMENTS, BUSY -> false;
        };
    }

    /** Remembered without its arguments, so the session history stays within maxArgumentBytes per request. */
    public boolean forgetsArguments() {
        return kind == Kind.UNKNOWN_TOOL || kind == Kind.ARGUMENTS_TOO_LARGE;
    }

    /** Attempts the request event reports: an unknown tool counts as one. */
    public int attempts() {
        return kind == Kind.UNKNOWN_TOOL ? 1 : 0;
    }

    /** Published and remembered; not while draining: the server, and the handlers that would hear of it, go. */
    public boolean announced() {
        return kind != Kind.SHUTTING_DOWN;
    }
}
