package dev.autonomy.foundation.api.tool;

import java.util.Objects;

/** One block of a tool result's {@code content}: text or an image. */
public interface Content {

    /** Plain text. */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image, base64-encoded. */
    record Image(String base64Data, String mimeType) implements Content {
        public Image {
            Objects.requireNonNull(base64Data, "base64Data");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    static Content text(String text) {
        return new Text(text);
    }
}
