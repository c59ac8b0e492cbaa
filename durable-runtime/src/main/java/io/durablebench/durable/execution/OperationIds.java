package io.durablebench.durable.execution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic operation ids: each context numbers its durable calls 1, 2, 3...; the raw id is
 * {@code n} at the root and {@code <contextId>-<n>} inside a context; the id is the lowercase hex
 * SHA-256 of the raw id (64 characters, within the service's id limit). The same code therefore
 * produces the same ids on every invocation, whatever threads run it.
 */
public final class OperationIds {
    private final String contextId;
    private final AtomicInteger counter = new AtomicInteger();

    public OperationIds(String contextId) {
        this.contextId = contextId;
    }

    public String next() {
        int n = counter.incrementAndGet();
        return hash(contextId == null ? Integer.toString(n) : contextId + "-" + n);
    }

    /** The id of item {@code index} (0-based) of a map or parallel whose id is {@code parentId}. */
    public static String childId(String parentId, int index) {
        return hash(parentId + "-" + (index + 1));
    }

    public static String hash(String raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
