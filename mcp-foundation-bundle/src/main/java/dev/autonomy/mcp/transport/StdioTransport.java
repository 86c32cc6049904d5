package dev.autonomy.mcp.transport;

import dev.autonomy.mcp.component.FoundationComponent;
import dev.autonomy.mcp.component.ReadinessTracker;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.time.Duration;

/**
 * MCP over stdio, active when the framework property {@value #STDIO} is {@code true} ({@code bin/autonomy --stdio}).
 * Writes to the process's real stdout (file descriptor 1), which the launcher keeps for the protocol while
 * {@code System.out} goes to stderr. When stdin ends, the container stops (unless {@value #EXIT_ON_EOF} is false).
 *
 * <p>Stdin is read only once the container is ready ({@link ReadinessTracker}): a client's {@code initialize} waits
 * in the pipe until then, so that its first {@code tools/list} holds the tools of every bundle present at launch.
 */
@Component(immediate = true, service = {})
public final class StdioTransport {

    public static final String STDIO = "dev.autonomy.mcp.stdio";
    public static final String EXIT_ON_EOF = "dev.autonomy.mcp.stdio.exitOnEof";
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    private final BundleContext context;
    private final FoundationComponent foundation;
    // guarded by this: started once ready, unless deactivated first
    private StdioServerTransportProvider provider;
    private boolean closed;

    @Activate
    public StdioTransport(BundleContext context, @Reference FoundationComponent foundation,
                          @Reference ReadinessTracker readiness) {
        this.context = context;
        this.foundation = foundation;
        if (Boolean.parseBoolean(context.getProperty(STDIO))) {
            readiness.whenReady(this::start);
        }
    }

    private synchronized void start() {
        if (closed) {
            return;
        }
        boolean exitOnEof = !"false".equalsIgnoreCase(context.getProperty(EXIT_ON_EOF));
        LineAtomicOutputStream out = new LineAtomicOutputStream(new FileOutputStream(FileDescriptor.out));
        ValidatingLineInputStream in = new ValidatingLineInputStream(
                new java.io.BufferedInputStream(new FileInputStream(FileDescriptor.in), 65536), out, foundation.mapper(),
                foundation.engine().settings().maxArgumentBytes() * 4 + 65536, () -> {
                    LOG.info("stdin closed");
                    if (exitOnEof) {
                        stopContainer(context);
                    }
                });
        provider = new StdioServerTransportProvider(new JacksonMcpJsonMapper(foundation.mapper()), in, out);
        provider.setSessionFactory(foundation.protocol().stdioSessionFactory());
        foundation.protocol().addProviderAfterInitialized(provider);
        LOG.info("MCP over stdio started");
    }

    private static void stopContainer(BundleContext context) {
        Thread t = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Could not stop the container after stdin closed: {}", e.toString());
            }
        }, "mcp-stdio-exit");
        t.start();
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        if (provider != null) {
            foundation.protocol().removeProvider(provider);
            try {
                provider.closeGracefully().block(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("stdio close: {}", e.toString());
            }
        }
    }
}
