package dev.autonomy.mcp.transport;

import dev.autonomy.mcp.component.FoundationComponent;
import dev.autonomy.mcp.component.ReadinessTracker;
import dev.autonomy.mcp.core.HttpGuard;
import dev.autonomy.mcp.core.HttpSettings;
import dev.autonomy.mcp.core.ServerConfig;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * MCP over Streamable HTTP: the SDK's servlet behind {@link GuardedMcpServlet}, registered on the HTTP whiteboard
 * (Jetty 12), plus a health endpoint. Refuses to serve MCP on a non-loopback address without a bearer token.
 * A changed configuration re-registers the servlet (sessions then start anew).
 */
@Component(immediate = true, configurationPid = HttpTransport.PID, service = {})
@Designate(ocd = HttpTransport.Config.class)
public final class HttpTransport {

    public static final String PID = "dev.autonomy.mcp.http";
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final String WB = "osgi.http.whiteboard.";

    @ObjectClassDefinition(name = "MCP over HTTP", description = "Streamable HTTP transport of the MCP server")
    public @interface Config {
        @AttributeDefinition(description = "Serve MCP over HTTP")
        boolean enabled() default true;

        @AttributeDefinition(description = "Path of the MCP endpoint")
        String path() default "/mcp";

        @AttributeDefinition(description = "Path of the health endpoint (GET, no token needed, reveals nothing)")
        String healthPath() default "/health";

        @AttributeDefinition(description = "Bearer token clients must send (Authorization: Bearer ...); empty = "
                + "none. Required when the server binds a non-loopback address.", type =
                org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String bearerToken() default "";

        @AttributeDefinition(description = "Browser origins allowed besides loopback ones, e.g. "
                + "https://app.example.com")
        String[] allowedOrigins() default {};

        @AttributeDefinition(description = "Largest accepted request body (bytes, at least 1024)")
        int maxBodyBytes() default 4194304;
    }

    private final HttpServletStreamableServerTransportProvider provider;
    private final FoundationComponent foundation;
    private final ServiceRegistration<Servlet> mcpRegistration;
    private final ServiceRegistration<Servlet> healthRegistration;

    @Activate
    public HttpTransport(Map<String, Object> properties, BundleContext context, @Reference FoundationComponent foundation,
                         @Reference ReadinessTracker readiness) {
        this.foundation = foundation;
        // No @Modified: a changed configuration makes a new component, so "previous" is the defaults.
        ServerConfig.Read<HttpSettings> read = ServerConfig.http(properties, HttpSettings.DEFAULTS);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", PID, w));
        HttpSettings config = read.settings();
        String host = Optional.ofNullable(context.getProperty("org.apache.felix.http.host")).orElse("0.0.0.0");
        boolean loopback = HttpGuard.isLoopbackHost(host);
        String token = config.bearerToken();
        boolean jettyEnabled = !"false".equalsIgnoreCase(context.getProperty("org.apache.felix.http.enable"));
        if (!config.enabled() || !jettyEnabled) {
            LOG.info("MCP over HTTP is off ({})", jettyEnabled ? PID + " enabled=false"
                    : "org.apache.felix.http.enable=false");
            provider = null;
            mcpRegistration = null;
            healthRegistration = null;
            return;
        }
        if (!loopback && token.isEmpty()) {
            LOG.error("Not serving MCP on {}: the server binds non-loopback address '{}' and no bearerToken is set "
                    + "in {}. Set a token or bind 127.0.0.1 (org.apache.felix.http.host).", config.path(), host, PID);
            provider = null;
            mcpRegistration = null;
            healthRegistration = null;
            return;
        }
        int maxBody = config.maxBodyBytes();
        provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(foundation.mapper()))
                .mcpEndpoint(config.path())
                .maxRequestSize(maxBody)
                .sessionSweepInterval(Duration.ofSeconds(foundation.engine().settings().sessionIdleTimeoutSeconds()))
                .build();
        provider.setSessionFactory(foundation.protocol().streamableSessionFactory());
        foundation.protocol().addProvider(provider);
        HttpGuard.Settings guard = new HttpGuard.Settings(token,
                config.allowedOrigins(), loopback);
        mcpRegistration = register(context, new GuardedMcpServlet(provider, guard, foundation.mapper(), maxBody,
                readiness::isReady),
                config.path(), "mcp");
        // Health last: once it answers, the MCP endpoint is there too (the whiteboard handles them in order).
        healthRegistration = register(context, new HealthServlet(loopback, readiness::isReady), config.healthPath(),
                "mcp-health");
        LOG.info("MCP over HTTP at http://{}:{}{} (token {}, origins: loopback{})", host,
                context.getProperty("org.osgi.service.http.port"), config.path(),
                token.isEmpty() ? "off" : "required", guard.allowedOrigins().isEmpty() ? ""
                        : " + " + guard.allowedOrigins());
    }

    private static ServiceRegistration<Servlet> register(BundleContext context, Servlet servlet, String path,
                                                         String name) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(WB + "servlet.pattern", List.of(path, path + "/*").toArray(new String[0]));
        props.put(WB + "servlet.name", name);
        // The whiteboard ignores @WebServlet(asyncSupported); the SDK needs async for SSE and tool calls.
        props.put(WB + "servlet.asyncSupported", Boolean.TRUE);
        return context.registerService(Servlet.class, servlet, props);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // Let calls in flight finish before the endpoint goes (SIGTERM, a configuration change).
        foundation.engine().awaitIdle(foundation.engine().settings().drainTimeoutSeconds() * 1000);
        if (mcpRegistration != null) {
            safely(mcpRegistration::unregister);
        }
        if (healthRegistration != null) {
            safely(healthRegistration::unregister);
        }
        if (provider != null) {
            foundation.protocol().removeProvider(provider);
            safely(() -> provider.closeGracefully().block(Duration.ofSeconds(5)));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("cleanup: {}", e.toString());
        }
    }

    /**
     * {@code GET /health}: 200 and {"status":"UP"} while the server serves; 503 with {@code Retry-After} and
     * {"status":"STARTING"} until the container has finished starting.
     */
    private static final class HealthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final boolean loopback;
        private final BooleanSupplier ready;

        HealthServlet(boolean loopback, BooleanSupplier ready) {
            this.loopback = loopback;
            this.ready = ready;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Optional<HttpGuard.Denial> d = HttpGuard.check(new HttpGuard.Settings("", List.of(), loopback),
                    req.getHeader("Origin"), req.getHeader("Host"), null);
            resp.setContentType("application/json");
            if (d.isPresent()) {
                resp.setStatus(d.get().status());
                resp.getWriter().write("{\"status\":\"FORBIDDEN\"}");
                return;
            }
            if (!ready.getAsBoolean()) {
                resp.setStatus(503);
                resp.setHeader("Retry-After", Integer.toString(GuardedMcpServlet.RETRY_AFTER_SECONDS));
                resp.getWriter().write("{\"status\":\"STARTING\"}");
                return;
            }
            resp.getWriter().write("{\"status\":\"UP\"}");
        }
    }

    Map<String, Object> describe() {
        return Map.of("enabled", provider != null);
    }
}
