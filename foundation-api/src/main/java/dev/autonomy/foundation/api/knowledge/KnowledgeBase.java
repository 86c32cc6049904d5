package dev.autonomy.foundation.api.knowledge;

import dev.autonomy.foundation.api.value.JsonValues;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Phase 2 (optional): a searchable store of documents. Consumers take it as an optional, dynamic reference. */
@ProviderType
public interface KnowledgeBase {

    /** A stored document. */
    record Document(String id, String text, Map<String, Object> metadata) {
        public Document {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
            metadata = JsonValues.immutableObject(metadata);
        }
    }

    /** A search result; higher scores match better. */
    record Hit(Document document, double score) {
    }

    /** Adds or replaces a document. */
    void put(Document document);

    /** The best {@code limit} matches of {@code query}, best first. */
    List<Hit> search(String query, int limit);

    /** Removes a document; false if there was none. */
    boolean remove(String id);

    int size();
}
