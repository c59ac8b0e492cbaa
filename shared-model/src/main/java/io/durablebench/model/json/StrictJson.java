package io.durablebench.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration of the project's functions. Reading is strict (duplicate keys,
 * trailing tokens, comments, NaN and over-deep nesting are all errors) and bounded in size;
 * documents are first read as a tree and then decoded field by field with {@link JsonFields},
 * which is what gives every error a field path.
 */
public final class StrictJson {
    /** Lambda's limit for an asynchronous invocation payload; the largest input any function accepts. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    /** Deepest nesting any valid request needs is 4; anything far deeper is hostile. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_DOCUMENT_BYTES)
                .maxNumberLength(64)
                .build());
    }

    private StrictJson() {
    }

    /** The shared mapper, for writing responses and log lines. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode parse(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            return parse(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    public static JsonNode parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode parse(byte[] bytes) {
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new InvalidInputException("", "request is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new InvalidInputException("", "request body is empty; expected a JSON object");
        }
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException("", "request body is empty; expected a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException("", "malformed JSON: unexpected content after the document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("", "malformed JSON: " + e.getOriginalMessage()
                    + locationOf(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
