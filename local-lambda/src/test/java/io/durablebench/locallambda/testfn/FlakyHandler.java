package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An ordinary function for asynchronous delivery: {@code {"key":"k","failures":n}} fails the first n
 * attempts of key k (n &lt; 0: every attempt) with {@code IllegalStateException("attempt <a> of k fails")},
 * and records the request id of every attempt per key, so a test can see how often and under which
 * request ids Lambda ran an event. In-process only (the record is this JVM's).
 */
public class FlakyHandler implements RequestStreamHandler {
    private static final Map<String, List<String>> ATTEMPTS = new ConcurrentHashMap<>();

    public FlakyHandler() {
    }

    /** The request ids of the attempts at {@code key}, in order. */
    public static List<String> attempts(String key) {
        return List.copyOf(ATTEMPTS.getOrDefault(key, List.of()));
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode input = RawDurable.JSON.readTree(in.readAllBytes());
        String key = input.get("key").asText();
        List<String> seen = ATTEMPTS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        seen.add(context.getAwsRequestId());
        int failures = input.path("failures").asInt();
        if (failures < 0 || seen.size() <= failures) {
            throw new IllegalStateException("attempt " + seen.size() + " of " + key + " fails");
        }
        out.write(RawDurable.JSON.writeValueAsBytes(Map.of("key", key, "attempt", seen.size())));
    }
}
