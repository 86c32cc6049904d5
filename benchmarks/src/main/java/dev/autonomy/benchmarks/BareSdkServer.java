package dev.autonomy.benchmarks;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline: a bare MCP SDK 2.1.0 server with the same {@code text_word_count} tool, and nothing else.
 *
 * <pre>
 * java -cp ... dev.autonomy.benchmarks.BareSdkServer http PORT   # Streamable HTTP on http://127.0.0.1:PORT/mcp
 * java -cp ... dev.autonomy.benchmarks.BareSdkServer stdio       # stdio; exits when stdin closes
 * </pre>
 */
public final class BareSdkServer {

    static final String ENDPOINT = "/mcp";

    private BareSdkServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("http")) {
            http(Integer.parseInt(args[1]));
        } else if (args.length == 1 && args[0].equals("stdio")) {
            stdio();
        } else {
            System.err.println("usage: BareSdkServer http PORT | stdio");
            System.exit(2);
        }
    }

    private static void http(int port) throws Exception {
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(Mcp.JSON)
                .mcpEndpoint(ENDPOINT)
                .build();
        McpSyncServer mcp = server(McpServer.sync(transport));

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder servlet = new ServletHolder(transport);
        // the SDK answers tools/call asynchronously: without async support every call fails with HTTP 500
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, ENDPOINT);
        jetty.setHandler(context);
        jetty.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mcp.close();
            try {
                jetty.stop();
            } catch (Exception e) {
                // exiting anyway
            }
        }, "stop-bare-server"));
        System.err.println("bare MCP SDK server on http://127.0.0.1:" + connector.getLocalPort() + ENDPOINT);
        jetty.join();
    }

    private static void stdio() throws InterruptedException {
        // stdout carries the MCP stream: nothing else may print there
        PrintStream mcpOut = System.out;
        System.setOut(System.err);
        var transport = new StdioServerTransportProvider(Mcp.JSON, new ExitOnEof(System.in), mcpOut);
        server(McpServer.sync(transport));
        new CountDownLatch(1).await();
    }

    private static McpSyncServer server(McpServer.SyncSpecification<?> spec) {
        return spec.serverInfo("bare-mcp-sdk", "2.1.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .validateToolInputs(true)
                .tools(WordCountTool.specification())
                .build();
    }

    /** The SDK's stdio server keeps running when its client goes away; this one exits at end of input. */
    private static final class ExitOnEof extends FilterInputStream {
        ExitOnEof(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return exitAtEnd(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return exitAtEnd(super.read(b, off, len));
        }

        private static int exitAtEnd(int n) {
            if (n < 0) {
                System.exit(0);
            }
            return n;
        }
    }
}
