package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench_flaky {nonce}}: throws on the first attempt of a nonce and succeeds on the next attempt of the same
 * nonce. With {@code retries >= 1} in its policy a call with a new nonce therefore succeeds (the foundation retries
 * it), with {@code retries = 0} it fails: the outcome shows which policy the call ran under. Pure (idempotent,
 * session-independent), so the foundation may retry it.
 *
 * <p>It remembers one nonce only: meant for one caller at a time (the latency tool), which is all it serves.
 */
@Component(service = Tool.class)
public final class FlakyTool implements Tool {

    static final String NAME = "bench_flaky";

    private static final Map<String, Object> INPUT = Map.of("type", "object",
            "properties", Map.of("nonce", Map.of("type", "integer", "description", "A new number for each call")),
            "required", List.of("nonce"), "additionalProperties", false);

    private final AtomicLong failed = new AtomicLong(Long.MIN_VALUE);

    /** Without a stack trace: the foundation logs every failure it does not retry. */
    static final class FirstAttempt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FirstAttempt(long nonce) {
            super("bench_flaky fails the first attempt of nonce " + nonce + " on purpose", null, false, false);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Benchmark tool (adaptation probe): fails the first attempt of each nonce, succeeds on a retry.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT;
    }

    @Override
    public ToolAnnotations annotations() {
        return ToolAnnotations.PURE;
    }

    @Override
    public ToolResult call(ToolCall call) {
        long nonce = ((Number) call.arguments().get("nonce")).longValue();
        if (failed.getAndSet(nonce) != nonce) {
            throw new FirstAttempt(nonce);
        }
        return ToolResult.structured(Map.of("nonce", nonce), "retried " + nonce);
    }
}
