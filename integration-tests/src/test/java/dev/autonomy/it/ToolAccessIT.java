package dev.autonomy.it;

import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Containers;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import javax.inject.Inject;
import java.time.Duration;
import java.util.Map;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

/** The {@code Autonomy-Tool-Access} header confines what a bundle's {@link ToolInvoker} may call. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ToolAccessIT {

    @Inject
    private ToolInvoker invoker;

    @Configuration
    public Option[] config() {
        return Containers.options(bundle(Containers.exampleJar().toURI().toString()));
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "text_*");
        return probe;
    }

    @Test
    public void aBundleMayCallOnlyTheToolsItsHeaderLists() {
        assertTrue(invoker.mayCall("text_word_count"));
        assertFalse(invoker.mayCall("server_status"));
        ToolResult allowed = Await.value("text_word_count answers", Duration.ofSeconds(10),
                () -> invoker.invoke("text_word_count", Map.of("text", "one two")), r -> !r.isError());
        assertFalse(allowed.text(), allowed.isError());
        ToolResult denied = invoker.invoke("server_status", Map.of());
        assertTrue(denied.isError());
        assertTrue(denied.text(), denied.text().startsWith("Access denied"));
    }
}
