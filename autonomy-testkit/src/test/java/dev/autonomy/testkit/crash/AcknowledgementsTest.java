package dev.autonomy.testkit.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgementsTest {

    @Test
    void aLineCountsOnlyOnceItsNewlineIsRead() throws Exception {
        InputStream in = new ByteArrayInputStream("12\n 7\r\n34".getBytes(StandardCharsets.US_ASCII));

        assertThat(Acknowledgements.nextLine(in)).contains("12");
        assertThat(Acknowledgements.nextLine(in)).contains(" 7\r");
        assertThat(Acknowledgements.nextLine(in)).as("34 was cut by the kill").isEmpty();
        assertThat(Acknowledgements.nextLine(in)).isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyNumberPrintedUntilTheKillIsAnswered() throws Exception {
        List<Long> acknowledged = Acknowledgements.untilKilled(CountingChild.class, 500);

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);
        assertThat(acknowledged).isEqualTo(LongStream.range(0, acknowledged.size()).boxed().toList());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aChildThatEndsBeforeEnoughAcknowledgementsFailsWithItsStandardError() {
        assertThatThrownBy(() -> Acknowledgements.untilKilled(CountingChild.class, 500, "3"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the child ended after 3 acknowledgements")
                .hasMessageContaining("counted to 3");
    }
}
