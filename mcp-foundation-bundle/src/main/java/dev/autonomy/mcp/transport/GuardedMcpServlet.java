package dev.autonomy.mcp.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autonomy.mcp.core.HttpGuard;
import dev.autonomy.mcp.core.JsonRpcShape;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The MCP endpoint: checks Origin, Host and the bearer token ({@link HttpGuard}), answers 503 with
 * {@code Retry-After} while the container is starting, bounds and pre-validates the body,
 * then hands the request to the SDK's Streamable HTTP servlet. Error responses are rewritten to plain JSON-RPC
 * errors, because the SDK serializes its exception (stack trace included) into error bodies.
 */
final class GuardedMcpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GuardedMcpServlet.class);
    static final int RETRY_AFTER_SECONDS = 1;

    private final HttpServlet sdk;
    private final HttpGuard.Settings guard;
    private final ObjectMapper mapper;
    private final int maxBodyBytes;
    private final BooleanSupplier ready;

    GuardedMcpServlet(HttpServlet sdk, HttpGuard.Settings guard, ObjectMapper mapper, int maxBodyBytes,
                      BooleanSupplier ready) {
        this.sdk = sdk;
        this.ready = ready;
        this.guard = guard;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        sdk.init(config);
    }

    @Override
    public void destroy() {
        // The SDK provider is closed by its owner (HttpTransport), which also stops its sweeper.
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Optional<HttpGuard.Denial> denial = HttpGuard.check(guard, req.getHeader("Origin"), req.getHeader("Host"),
                req.getHeader("Authorization"), req.getLocalAddr());
        if (denial.isPresent()) {
            if (denial.get().status() == 401) {
                resp.setHeader("WWW-Authenticate", "Bearer");
            }
            LOG.debug("HTTP {} {} refused: {}", req.getMethod(), req.getRequestURI(), denial.get().message());
            writeError(resp, denial.get().status(), null, -32001, denial.get().message());
            return;
        }
        if (!ready.getAsBoolean()) {
            // Not 404 (clients read that as "session gone") and not a half-started server: come back in a second.
            resp.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            writeError(resp, 503, null, JsonRpcErrors.STARTING, "The server is starting; retry shortly");
            return;
        }
        String method = req.getMethod();
        if ("POST".equals(method)) {
            servePost(req, resp);
        } else if ("GET".equals(method) || "DELETE".equals(method)) {
            forward(req, resp);
        } else {
            resp.setHeader("Allow", "GET, POST, DELETE");
            writeError(resp, 405, null, JsonRpcErrors.INVALID_REQUEST, "Method not allowed");
        }
    }

    private void servePost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (req.getContentLengthLong() > maxBodyBytes) {
            writeError(resp, 413, null, JsonRpcErrors.INVALID_REQUEST, "Request too large (limit " + maxBodyBytes
                    + " bytes)");
            return;
        }
        byte[] body = readBounded(req.getInputStream());
        if (body == null) {
            writeError(resp, 413, null, JsonRpcErrors.INVALID_REQUEST, "Request too large (limit " + maxBodyBytes
                    + " bytes)");
            return;
        }
        Object parsed;
        try {
            parsed = ShallowJson.parse(mapper.getFactory(), body, 0, body.length);
        } catch (IOException e) {
            writeError(resp, 400, null, JsonRpcErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
            return;
        }
        Optional<String> problem = JsonRpcShape.problem(parsed);
        if (problem.isPresent()) {
            writeError(resp, 400, JsonRpcShape.id(parsed), JsonRpcErrors.INVALID_REQUEST,
                    "Invalid request: " + problem.get());
            return;
        }
        forward(new BufferedRequest(req, body), resp);
    }

    private void forward(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        CleanErrors clean = new CleanErrors(resp);
        sdk.service(req, clean);
        clean.finish();
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            if (out.size() > maxBodyBytes) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private void writeError(HttpServletResponse resp, int status, Object id, int code, String message)
            throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(JsonRpcErrors.body(mapper, id, code, message));
        resp.getWriter().flush();
    }

    /** Replays a body that was read for validation. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not async");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /**
     * Captures error responses (status >= 400) of the SDK and rewrites them as plain JSON-RPC errors: the SDK's own
     * bodies are serialized exceptions, stack trace included.
     */
    private final class CleanErrors extends HttpServletResponseWrapper {
        private final HttpServletResponse real;
        private int errorStatus;
        private StringWriter captured;
        private PrintWriter capturedWriter;

        CleanErrors(HttpServletResponse real) {
            super(real);
            this.real = real;
        }

        @Override
        public void setStatus(int sc) {
            if (sc >= 400) {
                errorStatus = sc;
            } else {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc) {
            errorStatus = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            errorStatus = sc;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (errorStatus >= 400) {
                if (capturedWriter == null) {
                    captured = new StringWriter();
                    capturedWriter = new PrintWriter(captured);
                }
                return capturedWriter;
            }
            return super.getWriter();
        }

        void finish() throws IOException {
            if (errorStatus < 400) {
                return;
            }
            String message = defaultMessage(errorStatus);
            int code = errorStatus == 404 ? -32001 : JsonRpcErrors.INVALID_REQUEST;
            if (captured != null) {
                try {
                    Object parsed = mapper.readValue(captured.toString(), Object.class);
                    if (parsed instanceof Map) {
                        Object rpc = ((Map<?, ?>) parsed).get("jsonRpcError");
                        if (rpc instanceof Map && ((Map<?, ?>) rpc).get("message") instanceof String) {
                            message = firstLine((String) ((Map<?, ?>) rpc).get("message"));
                            Object c = ((Map<?, ?>) rpc).get("code");
                            code = c instanceof Number ? ((Number) c).intValue() : code;
                        }
                    }
                } catch (IOException e) {
                    // not JSON: keep the default message
                }
            }
            real.reset();
            writeError(real, errorStatus, null, code, message);
        }

        private String defaultMessage(int status) {
            return switch (status) {
                case 400 -> "Bad request";
                case 404 -> "Session not found; initialize a new session";
                case 405 -> "Method not allowed";
                case 406 -> "Not acceptable: send Accept: application/json, text/event-stream";
                case 413 -> "Request too large";
                case 503 -> "The server is shutting down";
                default -> "Request failed";
            };
        }

        private String firstLine(String s) {
            int nl = s.indexOf('\n');
            String line = nl >= 0 ? s.substring(0, nl) : s;
            return line.length() > 300 ? line.substring(0, 300) : line;
        }
    }
}
