package dev.autonomy.benchmarks;

import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an MCP client's tools change consumer saw: after each {@code notifications/tools/list_changed} the SDK client
 * lists the tools again (all pages) and hands the list over; this keeps the time of that hand-over
 * (System.nanoTime()) and the names. Waiting for a tool is then "the first list_changed after a moment whose new
 * list has the tool (or lacks it)", as a client that reacts to notifications sees it.
 */
final class ToolListWatch {

    private static final long POLL_MILLIS = 2;

    private record Seen(long nanos, Set<String> names) {
    }

    private final List<Seen> seen = new ArrayList<>();

    /** The consumer to give {@code McpClient.toolsChangeConsumer}. */
    void changed(List<McpSchema.Tool> tools) {
        Set<String> names = tools.stream().map(McpSchema.Tool::name).collect(Collectors.toUnmodifiableSet());
        long now = System.nanoTime();
        synchronized (this) {
            seen.add(new Seen(now, names));
            notifyAll();
        }
    }

    /**
     * Time from {@code since} (a System.nanoTime()) to the first notification at or after it whose list has
     * {@code tool} ({@code listed}) or lacks it; empty when none came within {@code timeout}.
     */
    Optional<Duration> await(String tool, boolean listed, long since, Duration timeout) {
        long deadline = since + timeout.toNanos();
        synchronized (this) {
            int from = 0;
            while (true) {
                for (int i = from; i < seen.size(); i++) {
                    Seen s = seen.get(i);
                    if (s.nanos() >= since && s.names().contains(tool) == listed) {
                        return Optional.of(Duration.ofNanos(s.nanos() - since));
                    }
                }
                from = seen.size();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    wait(Math.min(POLL_MILLIS * 50, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** How many notifications came so far. */
    synchronized int count() {
        return seen.size();
    }

    /** Forgets what was seen (the cycles of a long run would otherwise keep every list). */
    synchronized void clear() {
        seen.clear();
    }
}
