package dev.autonomy.mcp.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autonomy.mcp.core.JsonRpcShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes newline-delimited JSON-RPC messages from stdin to the SDK, answering malformed or oversized lines itself
 * with a JSON-RPC error: the SDK's stdio transport would otherwise stop reading at the first bad line.
 */
final class ValidatingLineInputStream extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatingLineInputStream.class);

    private final InputStream in;
    private final LineAtomicOutputStream out;
    private final ObjectMapper mapper;
    private final int maxLineBytes;
    private final Runnable onEof;
    private byte[] current = new byte[0];
    private int pos;
    private boolean eof;

    ValidatingLineInputStream(InputStream in, LineAtomicOutputStream out, ObjectMapper mapper, int maxLineBytes,
                              Runnable onEof) {
        this.in = in;
        this.out = out;
        this.mapper = mapper;
        this.maxLineBytes = maxLineBytes;
        this.onEof = onEof;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    private boolean fill() throws IOException {
        while (pos >= current.length) {
            if (eof) {
                return false;
            }
            byte[] line = readLine();
            if (line == null) {
                eof = true;
                onEof.run();
                return false;
            }
            if (accept(line)) {
                current = line;
                pos = 0;
            }
        }
        return true;
    }

    /** Reads one line including its newline; null at EOF. Oversized lines are skipped and answered. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        boolean oversized = false;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                if (oversized) {
                    reply(null, JsonRpcErrors.INVALID_REQUEST, "Request too large (limit " + maxLineBytes + " bytes)");
                    buf.reset();
                    oversized = false;
                    continue;
                }
                buf.write('\n');
                return buf.toByteArray();
            }
            if (!oversized) {
                buf.write(c);
                if (buf.size() > maxLineBytes) {
                    oversized = true;
                    buf.reset();
                }
            }
        }
        if (buf.size() > 0 && !oversized) {
            buf.write('\n');
            return buf.toByteArray();
        }
        return null;
    }

    private boolean accept(byte[] line) throws IOException {
        if (isBlank(line)) {
            return false;
        }
        Object parsed;
        try {
            parsed = ShallowJson.parse(mapper.getFactory(), line, 0, line.length);
        } catch (IOException e) {
            reply(null, JsonRpcErrors.PARSE_ERROR, "Parse error: the message is not valid JSON");
            return false;
        }
        var problem = JsonRpcShape.problem(parsed);
        if (problem.isPresent()) {
            reply(JsonRpcShape.id(parsed), JsonRpcErrors.INVALID_REQUEST, "Invalid request: " + problem.get());
            return false;
        }
        return true;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private void reply(Object id, int code, String message) throws IOException {
        LOG.debug("stdio: rejected a message: {}", message);
        out.writeLine((JsonRpcErrors.body(mapper, id, code, message) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
