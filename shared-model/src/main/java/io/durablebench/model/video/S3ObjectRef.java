package io.durablebench.model.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An S3 object named by a request.
 *
 * @param bucket an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-',
 *               starting and ending with a letter or digit, no "..", not an IPv4 address
 * @param key    the object key: 1-1024 bytes of UTF-8 without control characters, relative
 *               ("a/b.mp4", not "/a/b.mp4"), no empty, "." or ".." path segments, no backslash,
 *               not ending in "/" (a folder marker, not an object)
 */
public record S3ObjectRef(String bucket, String key) {
    public static final int MAX_KEY_BYTES = 1024;
    private static final Set<String> FIELDS = Set.of("bucket", "key");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static S3ObjectRef fromJson(JsonNode node, String path) {
        JsonFields f = JsonFields.object(node, path, FIELDS);
        String bucket = f.requiredString("bucket");
        String bucketProblem = bucketProblem(bucket);
        if (bucketProblem != null) {
            throw new InvalidInputException(f.pathOf("bucket"), bucketProblem);
        }
        String key = f.requiredString("key");
        String keyProblem = keyProblem(key);
        if (keyProblem != null) {
            throw new InvalidInputException(f.pathOf("key"), keyProblem);
        }
        return new S3ObjectRef(bucket, key);
    }

    /** Why {@code bucket} is not a valid S3 bucket name, or null if it is. */
    public static String bucketProblem(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            return "not an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', "
                    + "starting and ending with a letter or digit";
        }
        if (bucket.contains("..")) {
            return "not an S3 bucket name: two adjacent periods";
        }
        if (IPV4.matcher(bucket).matches()) {
            return "not an S3 bucket name: formatted as an IP address";
        }
        return null;
    }

    /** Why {@code key} is not an acceptable object key, or null if it is. */
    public static String keyProblem(String key) {
        if (key.isEmpty()) {
            return "must not be empty";
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            return "is " + bytes + " bytes of UTF-8; at most " + MAX_KEY_BYTES;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ") at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++; // a valid pair: one character outside the Basic Multilingual Plane
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate at index " + i;
            }
        }
        if (key.indexOf('\\') >= 0) {
            return "must not contain a backslash";
        }
        if (key.startsWith("/")) {
            return "must be relative: it starts with '/'";
        }
        if (key.endsWith("/")) {
            return "names a folder (ends with '/'), not an object";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty path segment ('//')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' path segment";
            }
        }
        return null;
    }
}
