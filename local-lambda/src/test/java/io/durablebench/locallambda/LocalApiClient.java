package io.durablebench.locallambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reads the service's local endpoints (not part of the Lambda API). */
public final class LocalApiClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalApiClient() {
    }

    public static JsonNode metrics(URI endpoint, String arn) throws IOException, InterruptedException {
        String path = "/local/executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8).replace("+", "%20")
                + "/metrics";
        return get(endpoint, path);
    }

    public static JsonNode get(URI endpoint, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return LocalLambdaTestSupport.JSON.readTree(r.body());
    }
}
