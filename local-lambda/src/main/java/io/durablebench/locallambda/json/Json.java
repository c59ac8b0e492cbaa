package io.durablebench.locallambda.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The one JSON mapper of the service, and timestamp conversions of the two wire formats. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Writes a record's components as members named in PascalCase, as the AWS APIs name theirs. */
    private static final ObjectMapper PASCAL_CASE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * {@code value}'s components as an object, in their declaration order, each member named
     * after its component in PascalCase ({@code syncNanos}: {@code SyncNanos}) unless a
     * {@code @JsonProperty} names it.
     */
    public static ObjectNode pascalCase(Record value) {
        return PASCAL_CASE.valueToTree(value);
    }

    public static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /**
     * REST API timestamps: epoch seconds with millisecond fraction, the format the AWS SDK's JSON
     * protocols read by default.
     */
    public static JsonNode epochSeconds(Instant t) {
        return DecimalNode.valueOf(BigDecimal.valueOf(t.toEpochMilli(), 3));
    }

    /** Invocation-event timestamps: integer epoch milliseconds, what the durable SDKs parse. */
    public static JsonNode epochMillis(Instant t) {
        return NODES.numberNode(t.toEpochMilli());
    }

    /** Reads a stored or wire timestamp written by either method above. */
    public static Instant instant(JsonNode node, boolean millis) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (millis) {
            return Instant.ofEpochMilli(node.asLong());
        }
        BigDecimal seconds = node.decimalValue();
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    public static String textOrNull(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
