package dev.autonomy.foundation.api.tool;

import org.osgi.annotation.versioning.ProviderType;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** MCP sampling: the server asks the calling client's model for a completion. */
@ProviderType
public interface Sampler {

    /** One message of the conversation sent to the model. */
    record Message(String role, String text) {
        public Message {
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw new IllegalArgumentException("role must be user or assistant, was " + role);
            }
            Objects.requireNonNull(text, "text");
        }
    }

    /** What the model answered. */
    record Reply(String text, String model, String stopReason) {
    }

    /**
     * Blocks until the client answers or {@code timeout} passes.
     *
     * @throws SamplingException if the client refused, failed or did not answer in time
     */
    Reply createMessage(List<Message> messages, String systemPrompt, int maxTokens, Duration timeout)
            throws SamplingException;

    /** Sampling failed; the message is safe to show. */
    final class SamplingException extends Exception {
        private static final long serialVersionUID = 1L;

        public SamplingException(String message) {
            super(message);
        }
    }
}
