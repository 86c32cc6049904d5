package dev.autonomy.it;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import javax.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** Stopping the foundation (as SIGTERM does) lets calls in flight finish and refuses new ones cleanly. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DrainIT {

    @Inject
    private BundleContext context;

    @Inject
    private ToolInvoker invoker;

    @Configuration
    public Option[] config() {
        return Containers.options();
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    @Test
    public void stoppingTheFoundationDrainsCallsInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        context.registerService(Tool.class, TestTool.of("probe_long", call -> {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            return ToolResult.text("completed");
        }), new Hashtable<>());
        Await.until("probe_long callable", Duration.ofSeconds(10),
                () -> !invoker.invoke("server_status", Map.of()).isError()
                        && invoker.invoke("server_status", Map.of()).text().contains("probe_long"));
        CompletableFuture<ToolResult> inFlight = CompletableFuture.supplyAsync(() ->
                invoker.invoke("probe_long", Map.of()));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        Bundle foundation = Arrays.stream(context.getBundles())
                .filter(b -> "mcp-foundation-bundle".equals(b.getSymbolicName())).findFirst().orElseThrow();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                foundation.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the foundation is stopping", Duration.ofSeconds(10),
                () -> foundation.getState() == Bundle.STOPPING);
        assertFalse("stop waits for the call in flight", stopping.isDone());
        release.countDown();

        ToolResult result = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals("completed", result.text());
        stopping.get(20, TimeUnit.SECONDS);
        assertEquals(Bundle.RESOLVED, foundation.getState());
        foundation.start();
    }
}
