package dev.autonomy.mcp.protocol;

import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.tool.Content;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.foundation.api.value.JsonValues;
import dev.autonomy.mcp.core.ListChangedPacing;
import dev.autonomy.mcp.core.Pagination;
import dev.autonomy.mcp.core.Refusal;
import dev.autonomy.mcp.engine.ClientChannel;
import dev.autonomy.mcp.engine.Engine;
import dev.autonomy.mcp.engine.RegisteredTool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MCP protocol on top of the SDK's transports and sessions: our own request handlers (so that tools/list
 * paginates, tools/call runs through the {@link Engine}, and list changes are debounced), shared by every transport.
 */
public final class McpProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(McpProtocol.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    private static final String STDIO_SESSION_PREFIX = "stdio-";

    private final Engine engine;
    private final Scheduler stdioOut;
    private final McpJsonMapper json;
    private final ScheduledExecutorService scheduler;
    private final String serverVersion;
    private final Set<McpServerTransportProviderBase> providers = new CopyOnWriteArraySet<>();
    /** The stdio session exists before the client initializes; it gets notifications only after. */
    private final Set<McpServerTransportProviderBase> awaitingInitialized = new CopyOnWriteArraySet<>();
    private final Map<Long, McpSchema.Tool> converted = new ConcurrentHashMap<>();
    private final AtomicBoolean notifyScheduled = new AtomicBoolean();
    /** When the last list_changed went out ({@link #nowMillis()}); long ago at first. */
    private final java.util.concurrent.atomic.AtomicLong lastListChanged =
            new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);
    private final java.util.function.Consumer<Set<String>> toolListener = names -> scheduleListChanged();
    private final List<String> protocolVersions = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

    public McpProtocol(Engine engine, McpJsonMapper json, ScheduledExecutorService scheduler, String serverVersion) {
        this.stdioOut = Schedulers.newSingle("mcp-stdio-out", true);
        this.engine = engine;
        this.json = json;
        this.scheduler = scheduler;
        this.serverVersion = serverVersion;
        engine.addToolListener(toolListener);
    }

    public void close() {
        engine.removeToolListener(toolListener);
        stdioOut.dispose();
    }

    public McpJsonMapper json() {
        return json;
    }

    public void addProvider(McpServerTransportProviderBase provider) {
        providers.add(provider);
    }

    /** A provider whose session exists before initialization (stdio): notified once the client is initialized. */
    public void addProviderAfterInitialized(McpServerTransportProviderBase provider) {
        awaitingInitialized.add(provider);
    }

    public void removeProvider(McpServerTransportProviderBase provider) {
        providers.remove(provider);
        awaitingInitialized.remove(provider);
    }

    /**
     * Paced ({@link ListChangedPacing}): a change after a quiet window is announced at once; the changes of a burst
     * share one {@code notifications/tools/list_changed} at the end of the window.
     */
    private void scheduleListChanged() {
        converted.keySet().retainAll(engine.tools().stream().map(RegisteredTool::serviceId).toList());
        if (notifyScheduled.compareAndSet(false, true)) {
            long delay = ListChangedPacing.delay(nowMillis(), lastListChanged.get(),
                    engine.settings().listChangedDebounceMs());
            scheduler.schedule(() -> {
                notifyScheduled.set(false);
                lastListChanged.set(nowMillis());
                for (McpServerTransportProviderBase p : providers) {
                    p.notifyClients(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
                            .onErrorResume(e -> {
                                LOG.debug("list_changed notification failed: {}", e.toString());
                                return Mono.empty();
                            }).subscribe();
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Monotonic milliseconds, for pacing only. */
    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    // ------------------------------------------------------------------ session factories

    /** Session factory for the stdio transport (one session per process). */
    public McpServerSession.Factory stdioSessionFactory() {
        return transport -> {
            String id = STDIO_SESSION_PREFIX + UUID.randomUUID();
            return new McpServerSession(id, REQUEST_TIMEOUT, new SerializedTransport(transport, stdioOut),
                    init -> initialize(id, init, "stdio"), requestHandlers(), notificationHandlers(),
                    () -> Mono.fromRunnable(() -> engine.sessions().close(id, "closed")));
        };
    }

    /** Session factory for Streamable HTTP. */
    public McpStreamableServerSession.Factory streamableSessionFactory() {
        return init -> {
            String id = UUID.randomUUID().toString();
            McpStreamableServerSession session = new McpStreamableServerSession(id, init.capabilities(),
                    init.clientInfo(), REQUEST_TIMEOUT, requestHandlers(), notificationHandlers(),
                    () -> Mono.fromRunnable(() -> engine.sessions().close(id, "closed")));
            return new McpStreamableServerSession.McpStreamableServerSessionInit(session,
                    initialize(id, init, "http"));
        };
    }

    private Mono<McpSchema.InitializeResult> initialize(String sessionId, McpSchema.InitializeRequest init,
                                                        String transport) {
        return Mono.fromSupplier(() -> {
            McpSchema.Implementation ci = init.clientInfo();
            engine.sessions().open(sessionId, ci == null ? McpRequest.ClientInfo.UNKNOWN
                    : new McpRequest.ClientInfo(ci.name(), ci.version()), transport);
            String version = protocolVersions.contains(init.protocolVersion()) ? init.protocolVersion()
                    : protocolVersions.get(protocolVersions.size() - 1);
            McpSchema.ServerCapabilities caps = McpSchema.ServerCapabilities.builder().tools(true).build();
            return new McpSchema.InitializeResult(version, caps,
                    new McpSchema.Implementation(engine.settings().serverName(), serverVersion),
                    "Tools are served by OSGi bundles and may come and go; watch notifications/tools/list_changed.");
        });
    }

    private Map<String, McpNotificationHandler> notificationHandlers() {
        Map<String, McpNotificationHandler> h = new HashMap<>();
        McpNotificationHandler ignore = (exchange, params) -> Mono.empty();
        h.put(McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) -> Mono.fromRunnable(() -> {
            // Only now may the stdio client be told about list changes (nothing precedes its initialize reply);
            // an HTTP session's notification (with --stdio --http) says nothing about the stdio client.
            if (exchange.sessionId() != null && exchange.sessionId().startsWith(STDIO_SESSION_PREFIX)) {
                providers.addAll(awaitingInitialized);
                awaitingInitialized.clear();
            }
        }));
        h.put(McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, ignore);
        h.put("notifications/cancelled", ignore);
        return h;
    }

    private Map<String, McpRequestHandler<?>> requestHandlers() {
        Map<String, McpRequestHandler<?>> h = new HashMap<>();
        h.put(McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()));
        McpRequestHandler<McpSchema.ListToolsResult> list = (exchange, params) -> listTools(exchange, params)
                .onErrorMap(e -> !(e instanceof McpError), e -> internalError("tools/list", e));
        McpRequestHandler<McpSchema.CallToolResult> call = (exchange, params) -> callTool(exchange, params)
                .onErrorMap(e -> !(e instanceof McpError), e -> internalError("tools/call", e));
        h.put(McpSchema.METHOD_TOOLS_LIST, list);
        h.put(McpSchema.METHOD_TOOLS_CALL, call);
        return h;
    }

    /** The SDK would send an exception's message to the client: log it under a reference, send only that. */
    private static McpError internalError(String method, Throwable e) {
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Internal error in {} (ref {})", method, ref, e);
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("Internal error (ref " + ref + ")")
                .build();
    }

    // ------------------------------------------------------------------ tools/list

    private Mono<McpSchema.ListToolsResult> listTools(McpAsyncServerExchange exchange, Object params) {
        return Mono.fromSupplier(() -> {
            String cursor = null;
            if (params != null) {
                try {
                    cursor = json.convertValue(params, McpSchema.PaginatedRequest.class).cursor();
                } catch (RuntimeException e) {
                    throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Invalid cursor").build();
                }
            }
            Pagination.Page<RegisteredTool> page;
            try {
                page = Pagination.page(engine.tools().stream().filter(t -> !t.hidden()).toList(), cursor,
                        engine.settings().pageSize(), RegisteredTool::name);
            } catch (IllegalArgumentException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Invalid cursor").build();
            }
            List<McpSchema.Tool> list = new ArrayList<>();
            for (RegisteredTool t : page.items()) {
                McpSchema.Tool converted = convert(t);
                if (converted != null) {
                    list.add(converted);
                }
            }
            return new McpSchema.ListToolsResult(list, page.nextCursor().orElse(null));
        });
    }

    private McpSchema.Tool convert(RegisteredTool t) {
        McpSchema.Tool cached = converted.get(t.serviceId());
        if (cached != null) {
            return cached;
        }
        try {
            Tool tool = t.tool();
            ToolAnnotations a = tool.annotations();
            McpSchema.Tool.Builder b = McpSchema.Tool.builder().name(t.name()).description(tool.description())
                    .inputSchema(new HashMap<>(tool.inputSchema()))
                    .annotations(new McpSchema.ToolAnnotations(a.title(), a.readOnlyHint(), a.destructiveHint(),
                            a.idempotentHint(), a.openWorldHint(), null));
            if (a.title() != null) {
                b.title(a.title());
            }
            tool.outputSchema().ifPresent(s -> b.outputSchema(new HashMap<>(s)));
            if (!tool.capabilities().isEmpty()) {
                b.meta(Map.of("dev.autonomy/capabilities", List.copyOf(new java.util.TreeSet<>(tool.capabilities())),
                        "dev.autonomy/bundle", t.bundleName()));
            }
            McpSchema.Tool result = b.build();
            converted.put(t.serviceId(), result);
            return result;
        } catch (RuntimeException e) {
            LOG.error("Tool {} of bundle {} cannot be described (left out of tools/list)", t.name(), t.bundleName(), e);
            return null;
        }
    }

    // ------------------------------------------------------------------ tools/call

    private Mono<McpSchema.CallToolResult> callTool(McpAsyncServerExchange exchange, Object params) {
        McpSchema.CallToolRequest req;
        try {
            req = json.convertValue(params, McpSchema.CallToolRequest.class);
        } catch (RuntimeException e) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Invalid tools/call parameters").build());
        }
        if (req == null || req.name() == null) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("tools/call needs a tool name").build());
        }
        Map<String, Object> args;
        try {
            args = JsonValues.immutableObject(req.arguments());
        } catch (IllegalArgumentException e) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Invalid arguments: " + e.getMessage()).build());
        }
        if (engine.tool(req.name()).map(RegisteredTool::hidden).orElse(false)) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(Refusal.unknownTool(req.name()).message()).build());
        }
        Object progressToken = req.meta() == null ? null : req.meta().get("progressToken");
        ClientChannel channel = new ExchangeChannel(exchange, progressToken);
        Engine.CallRequest call = new Engine.CallRequest(exchange.sessionId(), req.name(), args, Optional.empty(), 0,
                channel);
        return Mono.fromFuture(() -> engine.call(call))
                .flatMap(outcome -> outcome.fold(r -> Mono.just(toSdk(r)), unknown -> Mono.error(
                        McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(unknown.message()).build())));
    }

    McpSchema.CallToolResult toSdk(ToolResult r) {
        List<McpSchema.Content> content = new ArrayList<>(r.content().size());
        for (Content c : r.content()) {
            if (c instanceof Content.Text) {
                content.add(new McpSchema.TextContent(((Content.Text) c).text()));
            } else if (c instanceof Content.Image) {
                Content.Image i = (Content.Image) c;
                content.add(new McpSchema.ImageContent(null, i.base64Data(), i.mimeType()));
            } else {
                throw new AssertionError(c);
            }
        }
        return new McpSchema.CallToolResult(content, r.isError(), r.structuredContent().orElse(null),
                r.meta().isEmpty() ? null : r.meta());
    }

    /** Validates arguments with the SDK's JSON Schema validator; empty when valid, else a readable message. */
    public static Optional<String> validate(JsonSchemaValidator validator, Map<String, Object> schema,
                                            Object arguments) {
        JsonSchemaValidator.ValidationResponse r = validator.validate(schema, arguments);
        if (r.valid()) {
            return Optional.empty();
        }
        String m = r.errorMessage() == null ? "invalid" : r.errorMessage();
        m = m.replace("Validation failed: JSON schema validation errors: ", "");
        if (m.startsWith("[") && m.endsWith("]")) {
            m = m.substring(1, m.length() - 1);
        }
        // The validator names the root of the arguments as an empty path: ": required property 'x' not found".
        m = m.replaceAll("(^|, ): ", "$1");
        return Optional.of(m);
    }

    /** A call's view of its client, through the SDK exchange. */
    private static final class ExchangeChannel implements ClientChannel {
        private final McpAsyncServerExchange exchange;
        private final Object progressToken;

        ExchangeChannel(McpAsyncServerExchange exchange, Object progressToken) {
            this.exchange = exchange;
            this.progressToken = progressToken;
        }

        @Override
        public McpRequest.ClientInfo clientInfo() {
            McpSchema.Implementation i = exchange.getClientInfo();
            return i == null ? McpRequest.ClientInfo.UNKNOWN : new McpRequest.ClientInfo(i.name(), i.version());
        }

        @Override
        public Set<String> capabilities() {
            McpSchema.ClientCapabilities c = exchange.getClientCapabilities();
            Set<String> s = new HashSet<>();
            if (c != null) {
                if (c.sampling() != null) {
                    s.add("sampling");
                }
                if (c.roots() != null) {
                    s.add("roots");
                }
                if (c.elicitation() != null) {
                    s.add("elicitation");
                }
            }
            return Set.copyOf(s);
        }

        @Override
        public void progress(double progress, double total, String message) {
            if (progressToken == null) {
                return;
            }
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, progress,
                    total < 0 ? null : total, message)).onErrorResume(e -> Mono.empty()).subscribe();
        }

        @Override
        public Optional<Sampler> sampler() {
            if (!capabilities().contains("sampling")) {
                return Optional.empty();
            }
            return Optional.of((messages, systemPrompt, maxTokens, timeout) -> {
                List<McpSchema.SamplingMessage> msgs = messages.stream()
                        .map(m -> new McpSchema.SamplingMessage("user".equals(m.role()) ? McpSchema.Role.USER
                                : McpSchema.Role.ASSISTANT, new McpSchema.TextContent(m.text())))
                        .toList();
                McpSchema.CreateMessageRequest req = McpSchema.CreateMessageRequest.builder().messages(msgs)
                        .systemPrompt(systemPrompt).maxTokens(maxTokens).build();
                try {
                    McpSchema.CreateMessageResult res = exchange.createMessage(req).block(timeout);
                    if (res == null) {
                        throw new Sampler.SamplingException("the client returned no message");
                    }
                    String text = res.content() instanceof McpSchema.TextContent
                            ? ((McpSchema.TextContent) res.content()).text() : "";
                    return new Sampler.Reply(text, res.model(),
                            res.stopReason() == null ? "" : res.stopReason().toString());
                } catch (McpError e) {
                    throw new Sampler.SamplingException("the client refused sampling: " + e.getMessage());
                } catch (IllegalStateException e) {
                    throw new Sampler.SamplingException("the client did not answer within " + timeout);
                }
            });
        }
    }
}
