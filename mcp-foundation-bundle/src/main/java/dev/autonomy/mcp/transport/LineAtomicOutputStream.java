package dev.autonomy.mcp.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to the real stdout a whole line at a time, so that messages from the SDK's writer and the error responses
 * of {@link ValidatingLineInputStream} never interleave.
 */
final class LineAtomicOutputStream extends OutputStream {

    private final OutputStream out;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    LineAtomicOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteArrayOutputStream buf = pending.get();
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                buf.write(b, start, i + 1 - start);
                start = i + 1;
                writeLine(buf.toByteArray());
                buf.reset();
            }
        }
        buf.write(b, start, off + len - start);
    }

    /** Writes one complete line (ending in a newline) at once. */
    void writeLine(byte[] line) throws IOException {
        synchronized (out) {
            out.write(line);
            out.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }
}
