package io.durablebench.locallambda.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.store.SyncedFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where an event that failed every attempt, or got older than its maximum age, ends up: Lambda's
 * invocation record (request and response context, the event, the last error) is
 * <ul>
 *   <li>kept by the service and served at {@code GET /local/async-events} (always);</li>
 *   <li>written to {@code <data-dir>/async/on-failure/<function>/<time>-<uuid>.json} (with a data directory);</li>
 *   <li>delivered to the function's {@code OnFailure} destination when it is an S3 bucket, as Lambda
 *       does (object {@code aws/lambda/async/<function>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>}),
 *       through the S3 endpoint in the function's environment ({@code AWS_ENDPOINT_URL_S3}: the local
 *       S3 or LocalStack). Other destination types (SQS, SNS, Lambda, EventBridge) are not
 *       delivered locally; the record says so.</li>
 * </ul>
 */
final class FailureDestinations implements AutoCloseable {
    /** Why Lambda gave an event up. */
    enum Condition { RetriesExhausted, EventAgeExceeded }

    /**
     * One failed event's record.
     *
     * @param record    Lambda's invocation record
     * @param delivered where it was delivered ({@code s3://bucket/key}), empty if it was not
     * @param reason    why it was not delivered (no destination, a type served only on AWS, no endpoint, an error)
     */
    record Failed(String functionName, JsonNode record, Optional<String> delivered, String reason) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String region;
    private final List<Failed> failed = new CopyOnWriteArrayList<>();
    private final Map<String, S3Client> s3Clients = new ConcurrentHashMap<>();

    /** @param dir where copies of the records go; null keeps them in memory only */
    FailureDestinations(Path dir, String region) {
        this.dir = dir;
        this.region = region;
    }

    /**
     * Records a failed event and delivers the record to the function's destination.
     *
     * @param functionArn   the function's ARN (the executed version is appended)
     * @param environment   the function's environment (for the S3 endpoint and credentials)
     */
    Failed fail(AsyncEvent event, Condition condition, String functionArn, EventInvokeConfig config,
                Map<String, String> environment, Instant now) {
        JsonNode record = record(event, condition, functionArn, now);
        byte[] bytes = Json.bytes(record);
        String name = SECOND.format(now) + "-" + UUID.randomUUID();
        if (dir != null) {
            SyncedFiles.write(dir.resolve(event.functionName()).resolve(name + ".json"), bytes);
        }
        Optional<String> delivered = Optional.empty();
        String reason;
        Optional<EventInvokeConfig.Destination> destination = config.onFailure();
        if (destination.isEmpty()) {
            reason = "the function has no OnFailure destination";
        } else if (destination.get().bucket().isEmpty()) {
            reason = "destinations of type " + destination.get().type() + " are not served locally ("
                    + destination.get().arn() + ")";
        } else {
            String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL_S3", "");
            String bucket = destination.get().bucket().get();
            String key = "aws/lambda/async/" + event.functionName() + "/" + DAY.format(now) + "/" + name;
            if (endpoint.isEmpty()) {
                reason = "the function's environment names no S3 endpoint (AWS_ENDPOINT_URL_S3) to deliver to";
            } else {
                try {
                    s3(endpoint, environment).putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                            RequestBody.fromBytes(bytes));
                    delivered = Optional.of("s3://" + bucket + "/" + key);
                    reason = null;
                } catch (RuntimeException e) {
                    // Lambda counts DestinationDeliveryFailures; the record stays here and in the data directory
                    reason = "delivery to s3://" + bucket + " failed: " + e.getMessage();
                }
            }
        }
        if (reason != null) {
            System.out.println("local-lambda: failed event " + event.requestId() + " of " + event.functionName()
                    + " (" + condition + ") not delivered: " + reason);
        }
        Failed f = new Failed(event.functionName(), record, delivered, reason);
        failed.add(f);
        return f;
    }

    List<Failed> failed() {
        return List.copyOf(failed);
    }

    /** Lambda's invocation record of a failed asynchronous event. */
    static JsonNode record(AsyncEvent event, Condition condition, String functionArn, Instant now) {
        ObjectNode r = Json.object();
        r.put("version", "1.0");
        r.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        ObjectNode request = r.putObject("requestContext");
        request.put("requestId", event.requestId());
        request.put("functionArn", functionArn + ":" + (event.executedVersion() != null ? event.executedVersion()
                : event.qualifier() != null ? event.qualifier() : "$LATEST"));
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", event.attempts());
        r.set("requestPayload", payload(event.payload()));
        if (event.attempts() > 0) {
            ObjectNode response = r.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", event.executedVersion());
            response.put("functionError", "Unhandled");
            r.set("responsePayload", errorBody(event.lastError()));
        }
        return r;
    }

    private static JsonNode payload(String payload) {
        if (payload.isEmpty()) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.parse(payload);
        } catch (IOException e) {
            return Json.NODES.textNode(payload); // accepted events are JSON; kept as text otherwise
        }
    }

    /** The function error as Lambda's runtimes report it: errorMessage, errorType, stackTrace. */
    private static JsonNode errorBody(ErrorObject error) {
        if (error == null) {
            return Json.object();
        }
        try {
            return Json.parse(FunctionHost.functionErrorBody(error));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private S3Client s3(String endpoint, Map<String, String> environment) {
        return s3Clients.computeIfAbsent(endpoint, e -> S3Client.builder()
                .endpointOverride(URI.create(e))
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.getOrDefault("AWS_ACCESS_KEY_ID", "local"),
                        environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "local"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }

    @Override
    public void close() {
        s3Clients.values().forEach(S3Client::close);
    }
}
