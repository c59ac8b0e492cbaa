package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.counter.durable.EntityState;
import io.durablebench.local.LocalAws;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import io.durablebench.locallambda.durable.DurableService;
import io.durablebench.model.aws.TestHooks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Least privilege, checked against what the functions really do: every function of template.yaml
 * runs real work on the local Lambda service while recording proxies sit in front of DynamoDB Local
 * and the local S3. Each recorded call becomes the IAM action and resource AWS would authorize
 * (a transaction's items become PutItem/UpdateItem/... on their tables; an S3 GET of a key is
 * s3:GetObject on that object's ARN), durable checkpoint and state calls come from the service's own
 * per-execution counters, and invokes from their effect (the executions or invocations they
 * started). Then: every observed action must be allowed by that function's policies in the
 * template, and every allowed action nobody used is reported.
 *
 * <p>Calls are attributed to functions by running one function at a time; where a coordinator
 * and its chunk functions run together, S3 reads of segments and writes of chunks belong to the
 * chunk function (the coordinator does neither in that mode) and the coordinator's DynamoDB
 * operations are those its own store meter reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatePermissionsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGION = "us-east-1";

    SamTemplate template;
    LocalResources resources;
    LocalAws aws;
    RecordingProxy s3;
    RecordingProxy dynamo;
    LocalLambda lambda;
    LambdaClient client;
    final HttpClient http = HttpClient.newHttpClient();
    /** function logical id → observed "action resource" pairs, with how each was seen. */
    final Map<String, Map<String, String>> observed = new TreeMap<>();

    @BeforeAll
    void start() {
        Path file = SamTemplate.locate(Path.of(""));
        template = SamTemplate.load(file);
        resources = new LocalResources(template, REGION);
        aws = LocalAws.start(file);
        s3 = new RecordingProxy(aws.s3().endpoint());
        dynamo = new RecordingProxy(aws.dynamoDb().endpoint());
        Map<String, String> env = new LinkedHashMap<>(aws.dynamoDb().environment());
        env.putAll(aws.s3().environment());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.putAll(VideoJobs.LIMITS);
        env.put("MESSAGES_PER_GENERATION", "2"); // so that an entity hands over to its next generation
        env.put("VIDEO_SLICE_CHUNKS", "2"); // jobs of 2 chunks run whole, jobs of 3 in slices (the slice functions)
        // the compensation runs: a job whose chunks fail (injected failures, accepted with test hooks on)
        // fails for good at its first failed attempt and undoes its work; no other run injects anything
        env.put(TestHooks.VARIABLE, "on");
        env.put("VIDEO_CHUNK_MAX_ATTEMPTS", "1");
        lambda = LocalLambda.start(LocalLambdaConfig.builder(file).port(0).environment(env).skipTime(true)
                .durableOptions(new DurableService.Options(5, 3, Duration.ofMillis(200), 1000, 5 * 1024 * 1024))
                .syncInvokeLimit(Duration.ofMinutes(3)).build());
        client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(3))).build();
        aws.s3().client().putObject(b -> b.bucket(bucket()).key("inputs/perm.mp4"),
                RequestBody.fromBytes(TestVideos.of(TestVideos.SMALL)));
    }

    @AfterAll
    void stop() {
        client.close();
        lambda.close();
        s3.close();
        dynamo.close();
        aws.close();
    }

    String bucket() {
        return aws.bucketName("VideoBucket");
    }

    @Test
    void everyCallIsAllowedAndUnusedPermissionsAreReported() throws Exception {
        // ---- counters
        String counter = "{\"counterId\":\"perm\",\"operations\":[{\"id\":\"o1\",\"op\":\"increment\",\"amount\":1},"
                + "{\"id\":\"o2\",\"op\":\"read\"},{\"id\":\"o3\",\"op\":\"decrement\",\"amount\":1}]}";
        ok(invoke("CounterBaselineFunction", counter, null));
        wire("CounterBaselineFunction");

        var durableCounter = invokeFull("CounterDurableFunction:live", counter, "perm-counter");
        ok(durableCounter.payload());
        durableCalls("CounterDurableFunction", durableCounter.arn());
        wire("CounterDurableFunction");

        entity();
        wire("CounterEntityFunction");

        // ---- durable video: in process, then per chunk invocation, then the encoder alone
        var inProcess = invokeFull("VideoDurableFunction:live", video("perm-d1", "in-process"), "perm-d1");
        ok(inProcess.payload());
        durableCalls("VideoDurableFunction", inProcess.arn());
        wire("VideoDurableFunction");

        var perChunk = invokeFull("VideoDurableFunction:live", video("perm-d2", "per-chunk-invocation"), "perm-d2");
        ok(perChunk.payload());
        durableCalls("VideoDurableFunction", perChunk.arn());
        for (Execution e : executions("VideoChunkEncoderFunction")) {
            // each chunk encoder execution was started by the job's chained invoke
            see("VideoDurableFunction", "lambda:InvokeFunction", functionArn("VideoChunkEncoderFunction", qualifier(
                    e.durableExecutionArn())), "chained invoke (encoder execution " + e.durableExecutionName() + ")");
            durableCalls("VideoChunkEncoderFunction", e.durableExecutionArn());
        }
        splitByChunkRule("VideoDurableFunction", "VideoChunkEncoderFunction", Set.of());

        // a job of 3 chunks runs in 2 slices: each a VideoSliceFunction execution started by the job's chained invoke
        var slicedInProcess = invokeFull("VideoDurableFunction:live", video("perm-d3", "in-process", 3), "perm-d3");
        ok(slicedInProcess.payload());
        durableCalls("VideoDurableFunction", slicedInProcess.arn());
        for (String slice : children(slicedInProcess.arn())) {
            see("VideoDurableFunction", "lambda:InvokeFunction", functionArn("VideoSliceFunction", qualifier(slice)),
                    "chained invoke (slice execution)");
            durableCalls("VideoSliceFunction", slice);
        }
        splitByChunkRule("VideoDurableFunction", "VideoSliceFunction", Set.of());
        var slicedPerChunk = invokeFull("VideoDurableFunction:live", video("perm-d4", "per-chunk-invocation", 3),
                "perm-d4");
        ok(slicedPerChunk.payload());
        durableCalls("VideoDurableFunction", slicedPerChunk.arn());
        for (String slice : children(slicedPerChunk.arn())) {
            durableCalls("VideoSliceFunction", slice);
            for (String encoderExecution : children(slice)) {
                see("VideoSliceFunction", "lambda:InvokeFunction", functionArn("VideoChunkEncoderFunction",
                        qualifier(encoderExecution)), "chained invoke (encoder execution of a slice)");
                durableCalls("VideoChunkEncoderFunction", encoderExecution);
            }
        }
        splitByChunkRule("VideoDurableFunction", "VideoChunkEncoderFunction", Set.of());

        String task = chunkTask("perm-d1");
        var encoder = invokeFull("VideoChunkEncoderFunction:live", task, "perm-encoder-direct");
        ok(encoder.payload());
        durableCalls("VideoChunkEncoderFunction", encoder.arn());
        wire("VideoChunkEncoderFunction");

        // ---- baseline video: each coordination in process, then with workers; the worker alone
        for (String fn : List.of("VideoBaselineFunction", "VideoBaselinePaperFunction")) {
            String id = fn.equals("VideoBaselineFunction") ? "perm-b" : "perm-p";
            ok(invoke(fn, video(id + "1", "in-process"), null));
            wire(fn);
            String r = invoke(fn, video(id + "2", "per-chunk-invocation"), null);
            ok(r);
            JsonNode response = JSON.readTree(r);
            for (JsonNode c : response.path("chunks")) {
                if (c.path("worker").path("function").asText().equals("VideoChunkWorkerFunction")) {
                    see(fn, "lambda:InvokeFunction", functionArn("VideoChunkWorkerFunction", asyncQualifier("VideoChunkWorkerFunction")),
                            "asynchronous invoke (chunk " + c.path("index").asText() + " encoded by the worker)");
                }
            }
            Set<String> coordinatorOps = response.path("metrics").path("coordination").path("byOperation")
                    .properties().stream().map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
            splitByChunkRule(fn, "VideoChunkWorkerFunction", coordinatorOps);
        }
        // a job of 3 chunks in 2 slices: slice coordinators on their threads, then with chunk workers
        for (String fanOut : List.of("in-process", "per-chunk-invocation")) {
            String id = fanOut.equals("in-process") ? "perm-bs1" : "perm-bs2";
            String r = invoke("VideoBaselineFunction", video(id, fanOut, 3), null);
            ok(r);
            JsonNode response = JSON.readTree(r);
            Set<String> coordinatorOps = ops(response.path("metrics"));
            Set<String> sliceOps = new java.util.TreeSet<>();
            for (JsonNode s : response.path("slices")) {
                assertThat(s.path("coordinator").path("function").asText()).isEqualTo("VideoBaselineSliceFunction");
                see("VideoBaselineFunction", "lambda:InvokeFunction", functionArn("VideoBaselineSliceFunction",
                        asyncQualifier("VideoBaselineSliceFunction")),
                        "asynchronous invoke (slice " + s.path("index").asText() + ")");
                sliceOps.addAll(ops(s.path("coordinator")));
                if (s.path("workerInvocations").asInt() > 0) {
                    see("VideoBaselineSliceFunction", "lambda:InvokeFunction", functionArn("VideoChunkWorkerFunction",
                            asyncQualifier("VideoChunkWorkerFunction")), "asynchronous invoke (chunk workers of slice " + s.path("index").asText() + ")");
                }
            }
            splitBySliceRule(fanOut.equals("in-process") ? "VideoBaselineSliceFunction" : "VideoChunkWorkerFunction",
                    coordinatorOps, sliceOps);
        }
        ok(invoke("VideoBaselineFunction", video("perm-w", "in-process"), null));
        dynamo.drain();
        s3.drain();
        String worker = "{\"chunk\":" + chunkTask("perm-w") + ",\"firstAttempt\":1,\"coordination\":\"OPTIMIZED\"}";
        ok(invoke("VideoChunkWorkerFunction", worker, null));
        wire("VideoChunkWorkerFunction");

        // ---- compensation: a job that fails for good undoes its partial work (each side, in process)
        for (String fn : List.of("VideoBaselineFunction", "VideoBaselinePaperFunction")) {
            compensated(invoke(fn, failingVideo(fn.equals("VideoBaselineFunction") ? "perm-bf" : "perm-pf"), null));
            wire(fn);
        }
        var durableFailed = invokeFull("VideoDurableFunction:live", failingVideo("perm-df"), "perm-df");
        compensated(durableFailed.payload());
        durableCalls("VideoDurableFunction", durableFailed.arn());
        wire("VideoDurableFunction");

        // ---- the verdict
        List<String> denied = new ArrayList<>();
        StringBuilder md = new StringBuilder("| function | actions observed | actions allowed | allowed but never used |\n"
                + "|---|---|---|---|\n");
        for (String fn : template.functions().keySet()) {
            IamPolicy policy = IamPolicy.of(template, resources, fn);
            Map<String, String> seen = observed.getOrDefault(fn, Map.of());
            assertThat(seen).as(fn + " was run and observed").isNotEmpty();
            Set<String> observedActions = new TreeSet<>();
            seen.forEach((call, how) -> {
                String action = call.substring(0, call.indexOf(' '));
                String resource = call.substring(call.indexOf(' ') + 1);
                observedActions.add(action);
                if (!policy.allows(action, resource)) {
                    denied.add(fn + ": " + action + " on " + resource + " (" + how + ")");
                }
            });
            Set<String> allowed = new TreeSet<>();
            Set<String> unused = new TreeSet<>();
            for (IamPolicy.Statement s : policy.statements()) {
                if (!s.allow() || s.source().contains("added by SAM")) {
                    continue; // logs: written by the Lambda service for the function, never by its code
                }
                for (String a : s.actions()) {
                    String line = a + " on " + String.join(", ", s.resources());
                    allowed.add(line);
                    boolean used = seen.keySet().stream().anyMatch(call -> {
                        String action = call.substring(0, call.indexOf(' '));
                        return IamPolicy.glob(a, true).matcher(action).matches()
                                && s.matches(action, call.substring(call.indexOf(' ') + 1));
                    });
                    if (!used) {
                        unused.add(line);
                    }
                }
            }
            md.append("| ").append(fn).append(" | ").append(String.join("<br>", observedActions)).append(" | ")
                    .append(String.join("<br>", allowed)).append(" | ")
                    .append(unused.isEmpty() ? "none" : String.join("<br>", unused)).append(" |\n");
        }
        md.append("\nObserved calls (action, resource, how seen):\n\n");
        observed.forEach((fn, calls) -> calls.forEach((call, how) -> md.append("- ").append(fn).append(": `")
                .append(call).append("` (").append(how).append(")\n")));
        Path out = Path.of("target", "template-permissions-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        assertThat(denied).as("calls the template's policies would deny").isEmpty();
    }

    // ------------------------------------------------------------------ scenarios

    /** A counter entity: started, two messages, then it starts its next generation itself. */
    private void entity() throws Exception {
        String name = EntityState.executionName("perm", 1);
        String start = JSON.writeValueAsString(EntityState.first("perm"));
        String arn = client.invoke(b -> b.functionName("CounterEntityFunction:live").invocationType(InvocationType.EVENT)
                .durableExecutionName(name).payload(SdkBytes.fromUtf8String(start))).durableExecutionArn();
        for (int slot = 1; slot <= 2; slot++) {
            String callbackId = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (callbackId == null) {
                assertThat(System.nanoTime()).as("inbox-" + slot).isLessThan(deadline);
                for (Event e : client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)).events()) {
                    if (e.eventType() == EventType.CALLBACK_STARTED && ("inbox-" + slot).equals(e.name())) {
                        callbackId = e.callbackStartedDetails().callbackId();
                    }
                }
                Thread.sleep(5);
            }
            String id = callbackId;
            String message = "{\"sender\":\"perm\",\"seq\":" + slot + ",\"id\":\"m" + slot
                    + "\",\"op\":\"increment\",\"amount\":1}";
            client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(id).result(SdkBytes.fromUtf8String(message)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Execution> next = List.of();
        while (next.isEmpty()) {
            assertThat(System.nanoTime()).as("generation 2 started by generation 1").isLessThan(deadline);
            next = executions("CounterEntityFunction").stream()
                    .filter(e -> e.durableExecutionName().equals(EntityState.executionName("perm", 2))).toList();
            Thread.sleep(10);
        }
        see("CounterEntityFunction", "lambda:InvokeFunction", functionArn("CounterEntityFunction",
                qualifier(next.get(0).durableExecutionArn())), "asynchronous invoke of its next generation");
        durableCalls("CounterEntityFunction", arn);
    }

    private String video(String jobId, String fanOut) throws IOException {
        return video(jobId, fanOut, 2);
    }

    /** A job of 2 chunks in process whose every chunk attempt fails (an injected failure): it fails for good. */
    private String failingVideo(String jobId) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(video(jobId, "in-process"));
        request.set("faults", JSON.readTree("{\"chunkFailureProbability\":1.0,\"seed\":1}"));
        return JSON.writeValueAsString(request);
    }

    /** The answer of a job that failed for good and undid its work: objects and items deleted. */
    private static void compensated(String payload) throws IOException {
        JsonNode compensation = JSON.readTree(payload).path("compensation");
        assertThat(compensation.path("objectsDeleted").asInt()).as(payload).isPositive();
        assertThat(compensation.path("storeCalls").asInt()).as(payload).isPositive();
    }

    private String video(String jobId, String fanOut, int chunks) throws IOException {
        return JSON.writeValueAsString(JSON.readTree("{\"jobId\":\"" + jobId + "\",\"source\":{\"bucket\":\"" + bucket()
                + "\",\"key\":\"inputs/perm.mp4\"},\"chunkCount\":" + chunks + ",\"fanOut\":\"" + fanOut + "\"}"));
    }

    /** The DynamoDB operations an answer's metrics report. */
    private static Set<String> ops(JsonNode metrics) {
        return metrics.path("coordination").path("byOperation").properties().stream().map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The child executions an execution started (its ChainedInvokeStarted events). */
    private List<String> children(String executionArn) {
        List<String> out = new ArrayList<>();
        for (Event e : client.getDurableExecutionHistory(b -> b.durableExecutionArn(executionArn)).events()) {
            if (e.chainedInvokeStartedDetails() != null && e.chainedInvokeStartedDetails().durableExecutionArn() != null) {
                out.add(e.chainedInvokeStartedDetails().durableExecutionArn());
            }
        }
        return out;
    }

    /**
     * A baseline job in slices ran: S3 GETs of segments and PUTs of chunks are the chunk work's
     * ({@code chunkWork}: the slice coordinators' threads or the chunk workers), the rest the job's
     * coordinator's; a DynamoDB operation both the job's and the slices' meters report belongs to
     * either side, one only the slices report to the slices, the others (the chunk workers' writes
     * and polls) to {@code chunkWork}.
     */
    private void splitBySliceRule(String chunkWork, Set<String> coordinatorOps, Set<String> sliceOps) throws IOException {
        for (RecordingProxy.Request r : s3.drain()) {
            String[] ar = s3Action(r);
            boolean chunk = (r.method().equals("GET") && r.path().contains("/segments/"))
                    || (r.method().equals("PUT") && r.path().contains("/chunks/"));
            see(chunk ? chunkWork : "VideoBaselineFunction", ar[0], ar[1], "S3 " + r.method() + " " + r.path());
        }
        for (RecordingProxy.Request r : dynamo.drain()) {
            String op = r.target().substring(r.target().indexOf('.') + 1);
            for (String[] ar : dynamoActions(r)) {
                if (coordinatorOps.contains(op)) {
                    see("VideoBaselineFunction", ar[0], ar[1], "DynamoDB " + op);
                }
                if (sliceOps.contains(op)) {
                    see("VideoBaselineSliceFunction", ar[0], ar[1], "DynamoDB " + op + " (the slices' meters)");
                }
                if (!coordinatorOps.contains(op) && !sliceOps.contains(op)) {
                    see(chunkWork, ar[0], ar[1], "DynamoDB " + op);
                }
            }
        }
    }

    /** Chunk 0's task of a finished job, as its coordinator would have sent it. */
    private String chunkTask(String jobId) {
        return "{\"jobId\":\"" + jobId + "\",\"bucket\":\"" + bucket() + "\",\"chunk\":{\"index\":0,\"firstFrame\":0,"
                + "\"frameCount\":12,\"decodeFromFrame\":0},\"segmentKey\":\"jobs/" + jobId + "/segments/0000.mp4\","
                + "\"chunkKey\":\"jobs/" + jobId + "/chunks/0000.mp4\",\"settings\":{\"width\":96,\"height\":64,"
                + "\"qp\":26,\"keyInterval\":12,\"motionSearchRange\":16}}";
    }

    // ------------------------------------------------------------------ observation

    private void see(String fn, String action, String resource, String how) {
        observed.computeIfAbsent(fn, f -> new TreeMap<>()).putIfAbsent(action + " " + resource, how);
    }

    /** Everything on the wire since the last drain belongs to {@code fn}. */
    private void wire(String fn) throws IOException {
        for (RecordingProxy.Request r : dynamo.drain()) {
            for (String[] ar : dynamoActions(r)) {
                see(fn, ar[0], ar[1], "DynamoDB " + r.target().substring(r.target().indexOf('.') + 1));
            }
        }
        for (RecordingProxy.Request r : s3.drain()) {
            for (String[] ar : s3Actions(r)) {
                see(fn, ar[0], ar[1], "S3 " + r.method() + " " + r.path());
            }
        }
    }

    /**
     * A coordinator and its chunk function ran together: S3 GETs of segments and PUTs of chunks are
     * the chunk function's, the rest the coordinator's; DynamoDB calls whose operation the
     * coordinator's own meter counted are the coordinator's, the others the chunk function's.
     */
    private void splitByChunkRule(String coordinator, String chunkFunction, Set<String> coordinatorOps) throws IOException {
        for (RecordingProxy.Request r : s3.drain()) {
            String[] ar = s3Action(r);
            boolean chunkWork = (r.method().equals("GET") && r.path().contains("/segments/"))
                    || (r.method().equals("PUT") && r.path().contains("/chunks/"));
            see(chunkWork ? chunkFunction : coordinator, ar[0], ar[1], "S3 " + r.method() + " " + r.path());
        }
        for (RecordingProxy.Request r : dynamo.drain()) {
            String op = r.target().substring(r.target().indexOf('.') + 1);
            for (String[] ar : dynamoActions(r)) {
                see(coordinatorOps.contains(op) ? coordinator : chunkFunction, ar[0], ar[1], "DynamoDB " + op);
                if (coordinatorOps.contains(op) && op.equals("UpdateItem")) {
                    see(chunkFunction, ar[0], ar[1], "DynamoDB " + op + " (either side)");
                }
            }
        }
    }

    /** IAM actions and resources of one DynamoDB call: a transaction needs each item's own action. */
    private List<String[]> dynamoActions(RecordingProxy.Request r) throws IOException {
        String op = r.target().substring(r.target().indexOf('.') + 1);
        JsonNode body = JSON.readTree(r.body());
        List<String[]> out = new ArrayList<>();
        if (op.equals("TransactWriteItems") || op.equals("TransactGetItems")) {
            for (JsonNode item : body.path("TransactItems")) {
                item.properties().forEach(e -> {
                    String action = switch (e.getKey()) {
                        case "Put" -> "PutItem";
                        case "Update" -> "UpdateItem";
                        case "Delete" -> "DeleteItem";
                        case "ConditionCheck" -> "ConditionCheckItem";
                        case "Get" -> "GetItem";
                        default -> throw new IllegalStateException("transaction item " + e.getKey());
                    };
                    out.add(new String[] {"dynamodb:" + action, tableArn(e.getValue().path("TableName").asText())});
                });
            }
        } else if (op.equals("BatchWriteItem") || op.equals("BatchGetItem")) {
            body.path("RequestItems").fieldNames().forEachRemaining(t -> out.add(new String[] {"dynamodb:" + op, tableArn(t)}));
        } else {
            String table = body.path("TableName").asText();
            String index = body.path("IndexName").asText("");
            out.add(new String[] {"dynamodb:" + op, tableArn(table) + (index.isEmpty() ? "" : "/index/" + index)});
        }
        return out;
    }

    private static String tableArn(String table) {
        return "arn:aws:dynamodb:" + REGION + ":" + LocalResources.ACCOUNT_ID + ":table/" + table;
    }

    /** IAM action and resource of one path-style S3 request. */
    /** IAM actions and resources of one S3 call: a DeleteObjects needs s3:DeleteObject on each key it names. */
    private static List<String[]> s3Actions(RecordingProxy.Request r) {
        String path = URLDecoder.decode(r.path().replace("+", "%2B"), StandardCharsets.UTF_8).substring(1);
        String query = r.query() == null ? "" : r.query();
        if (r.method().equals("POST") && !path.contains("/") && query.contains("delete")) {
            List<String[]> out = new ArrayList<>();
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("<Key>([^<]*)</Key>").matcher(r.body());
            while (key.find()) {
                out.add(new String[] {"s3:DeleteObject", "arn:aws:s3:::" + path + "/" + key.group(1)});
            }
            assertThat(out).as("keys of %s", r).isNotEmpty();
            return out;
        }
        return List.<String[]>of(s3Action(r));
    }

    private static String[] s3Action(RecordingProxy.Request r) {
        String path = URLDecoder.decode(r.path().replace("+", "%2B"), StandardCharsets.UTF_8).substring(1);
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String key = slash < 0 ? "" : path.substring(slash + 1);
        String query = r.query() == null ? "" : r.query();
        if (key.isEmpty()) {
            if (r.method().equals("GET") && (query.contains("list-type") || query.isEmpty() || query.contains("prefix"))) {
                return new String[] {"s3:ListBucket", "arn:aws:s3:::" + bucket};
            }
            if (r.method().equals("POST") && query.contains("delete")) {
                return new String[] {"s3:DeleteObject", "arn:aws:s3:::" + bucket + "/*"};
            }
            throw new IllegalStateException("bucket-level S3 call not mapped: " + r);
        }
        String action = switch (r.method()) {
            case "GET", "HEAD" -> "s3:GetObject";
            case "PUT", "POST" -> "s3:PutObject"; // single and multipart uploads
            case "DELETE" -> query.contains("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject";
            default -> throw new IllegalStateException("S3 call not mapped: " + r);
        };
        return new String[] {action, "arn:aws:s3:::" + bucket + "/" + key};
    }

    /**
     * The service's counters of one execution: its checkpoint and state calls are the function's
     * CheckpointDurableExecution and GetDurableExecutionState calls, on its own qualified ARN.
     */
    private void durableCalls(String fn, String executionArn) throws Exception {
        String path = "/local/executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8) + "/metrics";
        JsonNode m = localDocument(path);
        String resource = functionArn(fn, qualifier(executionArn));
        if (m.path("CheckpointCalls").asLong() > 0) {
            see(fn, "lambda:CheckpointDurableExecution", resource, m.path("CheckpointCalls").asLong()
                    + " checkpoint calls of execution " + executionArn.substring(executionArn.indexOf("/durable-execution/") + 19));
        }
        if (m.path("StateCalls").asLong() > 0) {
            see(fn, "lambda:GetDurableExecutionState", resource, m.path("StateCalls").asLong() + " state calls");
        }
    }

    /** The deployed ARN of a template function, with a qualifier (version or alias) or without. */
    private String functionArn(String logicalId, String qualifier) {
        return "arn:aws:lambda:" + REGION + ":" + LocalResources.ACCOUNT_ID + ":function:"
                + IamPolicy.deployedName(template, resources, logicalId) + (qualifier == null ? "" : ":" + qualifier);
    }

    /** A document of the local Lambda's own API ({@code /local/...}), answered 200. */
    private JsonNode localDocument(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(lambda.endpoint().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * The qualifier the asynchronous invokes of {@code fn} so far named, as the local Lambda accepted
     * them ({@code GET /local/async-events}); null for unqualified invokes. Every event must name the same.
     */
    private String asyncQualifier(String fn) throws Exception {
        String path = "/local/async-events?FunctionName=" + URLEncoder.encode(fn, StandardCharsets.UTF_8);
        Set<String> qualifiers = new java.util.HashSet<>();
        for (JsonNode e : localDocument(path).path("Events")) {
            JsonNode q = e.path("Qualifier");
            qualifiers.add(q.isNull() || q.isMissingNode() ? null : q.asText());
        }
        assertThat(qualifiers).as("qualifiers of the asynchronous invokes of " + fn).hasSize(1);
        return qualifiers.iterator().next();
    }

    /** The qualifier of an execution's function: {@code ...:function:Name:1/durable-execution/...} gives "1". */
    private static String qualifier(String executionArn) {
        String fn = executionArn.substring(0, executionArn.indexOf("/durable-execution/"));
        return fn.substring(fn.lastIndexOf(':') + 1);
    }

    private List<Execution> executions(String fn) {
        return client.listDurableExecutionsByFunction(b -> b.functionName(fn)).durableExecutions();
    }

    // ------------------------------------------------------------------ invoking

    record Run(String payload, String arn) {
        JsonNode json() throws IOException {
            return JSON.readTree(payload);
        }
    }

    private Run invokeFull(String fn, String payload, String name) {
        var r = client.invoke(b -> {
            b.functionName(fn).payload(SdkBytes.fromUtf8String(payload));
            if (name != null) {
                b.durableExecutionName(name);
            }
        });
        assertThat(r.functionError()).as(fn + ": " + r.payload().asUtf8String()).isNull();
        return new Run(r.payload().asUtf8String(), r.durableExecutionArn());
    }

    private String invoke(String fn, String payload, String name) {
        return invokeFull(fn, payload, name).payload();
    }

    private static void ok(String payload) throws IOException {
        JsonNode n = JSON.readTree(payload);
        assertThat(n.has("error")).as(payload).isFalse();
    }
}
