package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.error.LambdaApiException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Checkpoint tokens, callback ids and paging markers: opaque strings to clients. */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A fresh single-use checkpoint token. */
    static String checkpointToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * A callback id naming the execution and operation, in the API's pattern
     * {@code [A-Za-z0-9+/]+={0,2}} (standard base64).
     */
    static String callbackId(String executionArn, String operationId) {
        String raw = operationId + "|" + executionArn;
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code [executionArn, operationId]} of a callback id, or an InvalidParameterValueException. */
    static String[] parseCallbackId(String callbackId) {
        if (callbackId == null || callbackId.isEmpty() || callbackId.length() > 1024
                || !callbackId.matches("[A-Za-z0-9+/]+={0,2}")) {
            throw LambdaApiException.invalidParameter("CallbackId is not a valid callback id");
        }
        String raw;
        try {
            raw = new String(Base64.getDecoder().decode(callbackId), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaApiException.invalidParameter("CallbackId is not a valid callback id");
        }
        int bar = raw.indexOf('|');
        if (bar <= 0 || !raw.startsWith("arn:", bar + 1)) {
            throw LambdaApiException.invalidParameter("CallbackId is not a valid callback id");
        }
        return new String[] {raw.substring(bar + 1), raw.substring(0, bar)};
    }

    static String marker(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String unmarker(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaApiException.invalidParameter("Marker is not valid");
        }
    }
}
