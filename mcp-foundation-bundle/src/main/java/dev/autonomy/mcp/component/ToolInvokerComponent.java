package dev.autonomy.mcp.component;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.foundation.api.value.JsonValues;
import dev.autonomy.mcp.core.ToolAccess;
import dev.autonomy.mcp.engine.ClientChannel;
import dev.autonomy.mcp.engine.Engine;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bundle-scoped {@link ToolInvoker}: each bundle gets its own instance, confined to the tools its
 * {@value ToolInvoker#TOOL_ACCESS_HEADER} manifest header lists.
 */
@Component(service = ToolInvoker.class, scope = ServiceScope.BUNDLE)
public final class ToolInvokerComponent implements ToolInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(ToolInvokerComponent.class);

    private final Engine engine;
    private final ToolAccess access;
    private final String internalSession;
    private final String bundleName;

    @Activate
    public ToolInvokerComponent(ComponentContext context, @Reference FoundationComponent foundation) {
        Bundle user = context.getUsingBundle();
        this.engine = foundation.engine();
        this.bundleName = user == null ? "unknown" : user.getSymbolicName();
        this.access = ToolAccess.parse(user == null ? null : user.getHeaders().get(TOOL_ACCESS_HEADER));
        // Keyed by bundle id: two versions of one bundle do not share a session.
        this.internalSession = "internal:" + bundleName + "#" + (user == null ? 0 : user.getBundleId());
        engine.sessions().open(internalSession, new dev.autonomy.foundation.api.session.McpRequest.ClientInfo(
                bundleName, user == null ? "" : user.getVersion().toString()), "internal");
    }

    @Deactivate
    void deactivate() {
        engine.sessions().close(internalSession, "bundle gone");
    }

    @Override
    public boolean mayCall(String toolName) {
        return access.allows(toolName);
    }

    @Override
    public ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent) {
        if (Engine.channelOf(parent) == ClientChannel.NONE) {
            // Not a call this engine made: its session, id and depth cannot be trusted.
            return invoke(toolName, arguments);
        }
        var request = parent.context().request();
        return run(new Engine.CallRequest(request.sessionId(), toolName, JsonValues.immutableObject(arguments),
                Optional.of(request.requestId()), request.depth() + 1, Engine.channelOf(parent)));
    }

    @Override
    public ToolResult invoke(String toolName, Map<String, ?> arguments) {
        return run(new Engine.CallRequest(internalSession, toolName, JsonValues.immutableObject(arguments),
                Optional.empty(), 1, ClientChannel.NONE));
    }

    private ToolResult run(Engine.CallRequest call) {
        if (!access.allows(call.toolName())) {
            LOG.debug("Bundle {} may not call {}", bundleName, call.toolName());
            return ToolResult.error("Access denied: bundle " + bundleName + " may not call tool " + call.toolName()
                    + " (manifest header " + TOOL_ACCESS_HEADER + ")")
                    .withMeta("dev.autonomy/outcome", SessionEventTypes.OUTCOME_DENIED);
        }
        try {
            return engine.call(call).get(engine.deadlineMs(call.toolName()), TimeUnit.MILLISECONDS)
                    .fold(r -> r, unknown -> ToolResult.error(unknown.message()));
        } catch (TimeoutException e) {
            return ToolResult.error("Call of " + call.toolName() + " got no answer in time");
        } catch (ExecutionException | CompletionException e) {
            // the engine answers every call; a failed future is a bug in it
            LOG.error("Nested call of {} failed", call.toolName(), e);
            return ToolResult.error("Internal error calling " + call.toolName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("Call of " + call.toolName() + " interrupted");
        }
    }
}
