package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;

/**
 * Why a call was answered without running its tool. Each refusal carries what its request event reports and the
 * text the client reads, so the engine answers every one the same way.
 */
public sealed interface Refusal {

    /** The request event's {@value SessionEventTypes#OUTCOME}. */
    String outcome();

    /** The request event's {@value SessionEventTypes#ERROR_CLASS}. */
    String errorClass();

    /** What the client reads. */
    String message();

    /** Refused before the arguments were looked at: the event reports 0 argument bytes. */
    default boolean beforeArguments() {
        return false;
    }

    /** Remembered without its arguments, so the session history stays within maxArgumentBytes per request. */
    default boolean forgetsArguments() {
        return false;
    }

    /** Attempts the request event reports. */
    default int attempts() {
        return 0;
    }

    /** Whether the refusal is published and remembered at all. */
    default boolean announced() {
        return true;
    }

    /** No such tool: a protocol error for clients rather than a result. */
    record UnknownTool(String tool) implements Refusal {
        @Override
        public String outcome() {
            return SessionEventTypes.OUTCOME_UNKNOWN_TOOL;
        }

        @Override
        public String errorClass() {
            return "UnknownTool";
        }

        @Override
        public String message() {
            return "Unknown tool: " + tool;
        }

        @Override
        public boolean beforeArguments() {
            return true;
        }

        @Override
        public boolean forgetsArguments() {
            return true;
        }

        @Override
        public int attempts() {
            return 1;
        }
    }

    /** The server is draining. Not announced: the server, and the handlers that would hear of it, are going away. */
    record ShuttingDown() implements Refusal {
        @Override
        public String outcome() {
            return SessionEventTypes.OUTCOME_BUSY;
        }

        @Override
        public String errorClass() {
            return "ShuttingDown";
        }

        @Override
        public String message() {
            return "The server is shutting down; try again shortly.";
        }

        @Override
        public boolean beforeArguments() {
            return true;
        }

        @Override
        public boolean announced() {
            return false;
        }
    }

    /** Nested calls went deeper than {@code limit}. */
    record DepthExceeded(String tool, int limit) implements Refusal {
        @Override
        public String outcome() {
            return SessionEventTypes.OUTCOME_DENIED;
        }

        @Override
        public String errorClass() {
            return "DepthExceeded";
        }

        @Override
        public String message() {
            return "Call depth limit of " + limit + " exceeded calling " + tool;
        }

        @Override
        public boolean beforeArguments() {
            return true;
        }
    }

    /** The canonical JSON of the arguments has more than {@code limit} bytes. */
    record ArgumentsTooLarge(String tool, int bytes, int limit) implements Refusal {
        @Override
        public String outcome() {
            return SessionEventTypes.OUTCOME_INVALID_ARGUMENTS;
        }

        @Override
        public String errorClass() {
            return "ArgumentsTooLarge";
        }

        @Override
        public String message() {
            return "Arguments of " + tool + " are too large (" + bytes + " bytes, limit " + limit + ")";
        }

        @Override
        public boolean forgetsArguments() {
            return true;
        }
    }

    /** The arguments do not match the tool's input schema; {@code problem} says how. */
    record InvalidArguments(String tool, String problem) implements Refusal {
        @Override
        public String outcome() {
            return SessionEventTypes.OUTCOME_INVALID_ARGUMENTS;
        }

        @Override
        public String errorClass() {
            return "InvalidArguments";
        }

        @Override
        public String message() {
            return "Invalid arguments for tool " + tool + ": " + problem;
        }
    }

    /** All {@code maxConcurrency} slots of the tool are taken. */
    record Busy(String tool, int maxConcurrency) implements Refusal {
        @Override
        public String outcome() {
            return SessionEventTypes.OUTCOME_BUSY;
        }

        @Override
        public String errorClass() {
            return "Busy";
        }

        @Override
        public String message() {
            return "Tool " + tool + " is busy (" + maxConcurrency + " calls at once); try again shortly.";
        }
    }
}
