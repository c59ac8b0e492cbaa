package io.durablebench.locallambda.api;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.durablebench.locallambda.error.LambdaApiException;

/**
 * One HTTP request as the API handlers see it: the path split into percent-decoded segments (an
 * ARN arrives as one segment with {@code %2F} and {@code %3A} escapes), the query parameters
 * (repeatable), the headers and the body.
 */
public record ApiRequest(String method, List<String> segments, Map<String, List<String>> query, Headers headers,
                         byte[] body) {

    static ApiRequest of(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(percentDecode(s));
            }
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return new ApiRequest(method, List.copyOf(segments), query, headers, body);
    }

    /** RFC 3986 percent-decoding; unlike form decoding, '+' stays '+'. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public String segment(int i) {
        return segments.get(i);
    }

    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public String header(String name) {
        return headers.getFirst(name);
    }

    public Integer intParam(String name) {
        String v = queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw LambdaApiException.invalidParameter(name + " must be an integer, got '" + v + "'");
        }
    }

    public boolean boolParam(String name) {
        return boolParam(name, false);
    }

    /** A boolean query parameter; {@code absent} when the request does not carry it (the API's default). */
    public boolean boolParam(String name, boolean absent) {
        String v = queryParam(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw LambdaApiException.invalidParameter(name + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
