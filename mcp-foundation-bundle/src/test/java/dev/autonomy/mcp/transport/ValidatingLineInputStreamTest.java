package dev.autonomy.mcp.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatingLineInputStreamTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicInteger eofs = new AtomicInteger();

    private String passThrough(String input, int maxLine) throws IOException {
        ValidatingLineInputStream in = new ValidatingLineInputStream(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new LineAtomicOutputStream(written), new ObjectMapper(), maxLine, eofs::incrementAndGet);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @Test
    void wellFormedMessagesPassUnchanged() throws IOException {
        assertThat(passThrough(PING + "\n" + PING + "\n", 1000)).isEqualTo(PING + "\n" + PING + "\n");
        assertThat(written.size()).isZero();
        assertThat(eofs.get()).isEqualTo(1);
    }

    @Test
    void malformedLinesAreAnsweredAndDropped() throws IOException {
        assertThat(passThrough("garbage\n" + PING + "\n", 1000)).isEqualTo(PING + "\n");
        assertThat(written.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                        + "\"message\":\"Parse error: the message is not valid JSON\"}}\n");
    }

    @Test
    void wrongShapesAreAnsweredWithTheirId() throws IOException {
        assertThat(passThrough("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"x\"}\n", 1000)).isEmpty();
        assertThat(written.toString(StandardCharsets.UTF_8)).contains("\"id\":5").contains("-32600");
    }

    @Test
    void oversizedLinesAreAnsweredAndSkippedWithoutStoppingTheStream() throws IOException {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"m\",\"params\":{\"p\":\"" + "x".repeat(200) + "\"}}";
        assertThat(passThrough(big + "\n" + PING + "\n", 100)).isEqualTo(PING + "\n");
        assertThat(written.toString(StandardCharsets.UTF_8)).contains("Request too large (limit 100 bytes)");
    }

    @Test
    void blankLinesAreIgnoredAndALastLineWithoutNewlineStillCounts() throws IOException {
        assertThat(passThrough("\n  \n" + PING, 1000)).isEqualTo(PING + "\n");
        assertThat(written.size()).isZero();
    }
}
