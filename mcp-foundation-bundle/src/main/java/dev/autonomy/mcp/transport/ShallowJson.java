package dev.autonomy.mcp.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a message just deep enough for {@link dev.autonomy.mcp.core.JsonRpcShape}: the top-level members with
 * their scalar values, nested objects and arrays replaced by empty placeholders of the same type. The whole text is
 * still checked for syntax, but nothing is built for the (possibly large) parameters, which the SDK parses anyway.
 */
final class ShallowJson {

    private ShallowJson() {
    }

    /** @throws IOException if the text is not one well-formed JSON value */
    static Object parse(JsonFactory factory, byte[] json, int offset, int length) throws IOException {
        try (JsonParser p = factory.createParser(json, offset, length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("empty");
            }
            Object top;
            if (t == JsonToken.START_OBJECT) {
                Map<String, Object> members = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    members.put(name, value(p, p.nextToken()));
                }
                top = members;
            } else {
                top = value(p, t);
            }
            if (p.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return top;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                p.skipChildren();
                return Map.of();
            case START_ARRAY:
                p.skipChildren();
                return List.of();
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
