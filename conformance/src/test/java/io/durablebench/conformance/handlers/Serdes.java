package io.durablebench.conformance.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.durablebench.durable.BatchItem;
import io.durablebench.durable.BatchItemStatus;
import io.durablebench.durable.CompletionReason;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.serde.SerDes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The custom serializers the vectors describe. */
final class Serdes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Serdes() {
    }

    /** JSON with every string value upper-cased on the way out (1-6, 3-14); plain JSON on the way in. */
    static final SerDes UPPERCASE = new SerDes() {
        @Override
        public String serialize(Object value) {
            if (value == null) {
                return null;
            }
            return write(upper(JSON.valueToTree(value)));
        }

        @Override
        public <T> T deserialize(String data, TypeToken<T> type) {
            return read(data, type);
        }

        private JsonNode upper(JsonNode n) {
            if (n.isTextual()) {
                return TextNode.valueOf(n.textValue().toUpperCase());
            }
            if (n.isArray()) {
                ArrayNode a = JSON.createArrayNode();
                n.forEach(e -> a.add(upper(e)));
                return a;
            }
            if (n.isObject()) {
                ObjectNode o = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    o.set(f.getKey(), upper(f.getValue()));
                }
                return o;
            }
            return n;
        }
    };

    /** A string item {@code v} as the text {@code wrapped:v} and back (9-14). */
    static final SerDes WRAPPED_TEXT = new SerDes() {
        private static final String PREFIX = "wrapped:";

        @Override
        public String serialize(Object value) {
            return value == null ? null : PREFIX + value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T deserialize(String data, TypeToken<T> type) {
            if (data == null) {
                return null;
            }
            if (!data.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a wrapped: value: " + data);
            }
            return (T) data.substring(PREFIX.length());
        }
    };

    /** A value {@code v} as the JSON envelope {@code {"wrapped": v}} and back (8-15). */
    static final SerDes WRAPPED_JSON = new SerDes() {
        @Override
        public String serialize(Object value) {
            ObjectNode envelope = JSON.createObjectNode();
            envelope.set("wrapped", JSON.valueToTree(value));
            return write(envelope);
        }

        @Override
        public <T> T deserialize(String data, TypeToken<T> type) {
            if (data == null) {
                return null;
            }
            try {
                JsonNode envelope = JSON.readTree(data);
                if (!envelope.has("wrapped")) {
                    throw new IllegalArgumentException("not a {\"wrapped\": v} envelope: " + data);
                }
                return JSON.convertValue(envelope.get("wrapped"), JSON.constructType(type.getType()));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON: " + data, e);
            }
        }
    };

    /**
     * The whole map result as {@code OPSERDE:} plus its results joined with commas, and back to a
     * map result of succeeded items (9-19, 9-20).
     */
    static final SerDes OPSERDE = new SerDes() {
        private static final String PREFIX = "OPSERDE:";

        @Override
        public String serialize(Object value) {
            if (!(value instanceof MapResult<?> r)) {
                throw new IllegalArgumentException("OPSERDE serializes map results only, got " + value);
            }
            return PREFIX + String.join(",", r.getResults().stream().map(String::valueOf).toList());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T deserialize(String data, TypeToken<T> type) {
            if (data == null || !data.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not an OPSERDE: value: " + data);
            }
            String body = data.substring(PREFIX.length());
            List<BatchItem<String>> items = new ArrayList<>();
            if (!body.isEmpty()) {
                String[] parts = body.split(",", -1);
                for (int i = 0; i < parts.length; i++) {
                    items.add(new BatchItem<>(i, null, BatchItemStatus.SUCCEEDED, parts[i], null));
                }
            }
            return (T) new MapResult<>(items, CompletionReason.ALL_COMPLETED);
        }
    };

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String data, TypeToken<T> type) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try {
            return JSON.readValue(data, JSON.constructType(type.getType()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + data, e);
        }
    }
}
