package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.counter.durable.EntityState;
import io.durablebench.counter.durable.SenderMark;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.security.HostileJson.Case;
import io.durablebench.security.HostileJson.Field;
import io.durablebench.security.HostileJson.Type;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Hostile input, generated, against every function of template.yaml on the local Lambda service
 * (DynamoDB Local and the local S3 behind counting proxies, one testbed for the whole class). Each
 * case must be refused with a clear error (a message naming the problem, no stack trace, no
 * exception class dump), and must cause no write: no DynamoDB write call and no S3 PUT/POST/DELETE
 * on the wire during the case, and, after each function's cases, every table and the bucket listing
 * exactly as before (the test's own uploads of bad sources excepted).
 *
 * <p>A refusal can come from the function (for a baseline function an error object of type
 * {@code InvalidInput} in its answer; for a durable function a FAILED execution with error type
 * {@code InvalidInput} whose message starts with the field) or from the Lambda
 * service before the function runs (a payload that is not JSON, or too large); each is counted.
 */
class HostileInputTest {
    /**
     * Enough tries that at least {@value #MIN_CASES} distinct documents reach each function: a
     * generated document that repeats an earlier one for the same function is not sent again.
     */
    static final int TRIES = 360;
    static final int MIN_CASES = 200;
    /** Distinct cases sent per property at most; the tries beyond it only generate. */
    static final int CAP = MIN_CASES + 10;
    static final Map<String, AtomicInteger> RUN_PER_PROPERTY = new ConcurrentHashMap<>();

    static VideoTestBed bed;
    static LambdaClient client;
    static String bucket;
    static final AtomicInteger NAMES = new AtomicInteger();
    static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    static final Map<String, Snapshot> BEFORE = new ConcurrentHashMap<>();
    static String entityArn;
    static final AtomicInteger ENTITY_SLOT = new AtomicInteger();
    static final Random RANDOM = new Random(8);
    static long started;

    /** Per function: cases run and what happened. */
    static final class Tally {
        final AtomicInteger generated = new AtomicInteger();
        final AtomicInteger cases = new AtomicInteger();
        final AtomicInteger byFunction = new AtomicInteger();
        final AtomicInteger byService = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger unclear = new AtomicInteger();
        final AtomicInteger stackTraces = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final Set<String> payloads = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
        volatile boolean stateUnchanged = true;
        volatile int objectsLeft;
    }

    @BeforeContainer
    static void start() {
        started = System.nanoTime();
        Map<String, String> env = new LinkedHashMap<>(VideoJobs.LIMITS);
        // One entity generation takes every hostile message of the test (the template's 100 would
        // hand over mid-test; handing over is CounterEntityTest's subject, not this one's).
        env.put("MESSAGES_PER_GENERATION", "1000");
        // As deployed: the template's configuration, test hooks off (a faults section is hostile input).
        bed = VideoTestBed.start(env, true, false);
        client = LambdaClient.builder().endpointOverride(bed.lambda().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
        bucket = bed.bucket();
        bed.upload("inputs/hostile-good.mp4", TestVideos.of(TestVideos.SMALL));
        MEDIA.forEach(bed::upload);
        baseDocumentsAreAccepted();
    }

    /**
     * Each generator's unmutated document (under another id) is accepted and does its work: so what
     * refuses a generated case is the mutation, not a base that was bad to begin with.
     */
    static void baseDocumentsAreAccepted() {
        String counter = object(COUNTER_BASE).put("counterId", "sanity").toString();
        accepted("CounterBaselineFunction", invoke("CounterBaselineFunction", counter, null));
        accepted("CounterDurableFunction", invoke("CounterDurableFunction:live", counter, name()));
        for (String fn : List.of("VideoDurableFunction:live", "VideoBaselineFunction", "VideoBaselinePaperFunction")) {
            String id = "sanity-" + NAMES.incrementAndGet();
            accepted(fn, invoke(fn, videoBase("inputs/hostile-good.mp4").put("jobId", id).toString(),
                    fn.endsWith(":live") ? id : null));
        }
        bed.upload("jobs/sanity-c/segments/0000.mp4", GOOD);
        ObjectNode task = chunkTaskBase();
        task.put("jobId", "sanity-c").put("segmentKey", "jobs/sanity-c/segments/0000.mp4")
                .put("chunkKey", "jobs/sanity-c/chunks/0000.mp4");
        accepted("VideoChunkEncoderFunction", invoke("VideoChunkEncoderFunction:live", task.toString(), name()));
        ObjectNode w = HostileJson.JSON.createObjectNode();
        w.set("chunk", task.deepCopy().put("jobId", "sanity-w").put("segmentKey", "jobs/sanity-w/segments/0000.mp4")
                .put("chunkKey", "jobs/sanity-w/chunks/0000.mp4"));
        w.put("firstAttempt", 1).put("coordination", "OPTIMIZED");
        bed.upload("jobs/sanity-w/segments/0000.mp4", GOOD);
        accepted("VideoChunkWorkerFunction", invoke("VideoChunkWorkerFunction", w.toString(), null));
        bed.upload("jobs/sanity-s/segments/0000.mp4", GOOD);
        accepted("VideoSliceFunction", invoke("VideoSliceFunction:live", sliceTaskBase().put("jobId", "sanity-s")
                .toString(), name()));
        bed.upload("jobs/sanity-bs/segments/0000.mp4", GOOD);
        ObjectNode e = HostileJson.JSON.createObjectNode();
        e.set("slice", sliceTaskBase().put("jobId", "sanity-bs"));
        e.put("resume", false);
        accepted("VideoBaselineSliceFunction", invoke("VideoBaselineSliceFunction", e.toString(), null));
        Answer entity = startEntity(object(ENTITY_BASE).put("counterId", "sanity-e").toString(),
                Duration.ofSeconds(2));
        assertThat(entity.payload()).as("the base start event starts an entity that waits for messages")
                .isEqualTo("{\"status\":\"RUNNING\"}");
        Answer first = deliverToEntity(MESSAGE_BASE);
        assertThat(HostileJson.JSON.valueToTree(parse(first.payload())).path("value").asLong()).as(first.payload())
                .isEqualTo(1);
        assertThat(parse(first.payload()).path("error").isObject()).as(first.payload()).isFalse();
    }

    private static void accepted(String function, Answer a) {
        assertThat(a.functionError()).as(function + " base document: " + a).isNull();
        assertThat(parse(a.payload()).path("error").isObject()).as(function + " base document: " + a.payload()).isFalse();
    }

    private static JsonNode parse(String json) {
        try {
            return HostileJson.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        try {
            writeReport();
        } finally {
            client.close();
            bed.close();
        }
        TALLIES.forEach((fn, t) -> assertThat(t.cases.get()).as(fn + ": distinct hostile cases run")
                .isGreaterThanOrEqualTo(MIN_CASES));
    }

    // ------------------------------------------------------------------ the properties, one per function

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void counterBaselineRefuses(@ForAll("counterRequests") Case c) {
        check("CounterBaselineFunction", "counterBaselineRefuses", c, () -> invoke("CounterBaselineFunction", c.payload(), null));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void counterDurableRefuses(@ForAll("counterRequests") Case c) {
        check("CounterDurableFunction", "counterDurableRefuses", c, () -> invoke("CounterDurableFunction:live", c.payload(), name()));
    }

    /** Start events of a generation: refused, the execution FAILED, no entity left waiting for messages. */
    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void counterEntityRefusesBadStartEvents(@ForAll("entityStartEvents") Case c) {
        check("CounterEntityFunction", "counterEntityRefusesBadStartEvents", c, () -> startEntity(c.payload()));
    }

    /** Messages into a live entity's inbox: each answered with its error, the value unchanged. */
    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void counterEntityRefusesBadMessages(@ForAll("entityMessages") Case c) {
        check("CounterEntityFunction", "counterEntityRefusesBadMessages", c, () -> deliverToEntity(c.payload()));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoDurableRefuses(@ForAll("videoRequests") Case c) {
        check("VideoDurableFunction", "videoDurableRefuses", c, () -> invoke("VideoDurableFunction:live", c.payload(), name()));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoBaselineRefuses(@ForAll("videoRequests") Case c) {
        check("VideoBaselineFunction", "videoBaselineRefuses", c, () -> invoke("VideoBaselineFunction", c.payload(), null));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoBaselinePaperRefuses(@ForAll("videoRequests") Case c) {
        check("VideoBaselinePaperFunction", "videoBaselinePaperRefuses", c, () -> invoke("VideoBaselinePaperFunction", c.payload(), null));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoChunkEncoderRefuses(@ForAll("chunkTasks") Case c) {
        check("VideoChunkEncoderFunction", "videoChunkEncoderRefuses", c, () -> invoke("VideoChunkEncoderFunction:live", c.payload(), name()));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoChunkWorkerRefuses(@ForAll("workerTasks") Case c) {
        check("VideoChunkWorkerFunction", "videoChunkWorkerRefuses", c, () -> invoke("VideoChunkWorkerFunction", c.payload(), null));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoSliceRefuses(@ForAll("sliceTasks") Case c) {
        check("VideoSliceFunction", "videoSliceRefuses", c, () -> invoke("VideoSliceFunction:live", c.payload(), name()));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void videoBaselineSliceRefuses(@ForAll("sliceEvents") Case c) {
        check("VideoBaselineSliceFunction", "videoBaselineSliceRefuses", c,
                () -> invoke("VideoBaselineSliceFunction", c.payload(), null));
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Case> counterRequests() {
        return new HostileJson(() -> object(COUNTER_BASE), List.of(
                new Field("counterId", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                new Field("operations", Set.of(Type.ARRAY), true, Arbitraries.of("[]", manyOperations(101),
                        "[{\"id\":\"a\",\"op\":\"read\"},{\"id\":\"a\",\"op\":\"read\"}]", "[1,2]", "[null]")),
                new Field("operations[0]", Set.of(Type.OBJECT), false, Arbitraries.of("{}",
                        "{\"id\":\"x\",\"op\":\"read\",\"amount\":1}", "{\"id\":\"x\",\"op\":\"decrement\"}")),
                new Field("operations[0].id", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                new Field("operations[0].op", Set.of(Type.STRING), true, HostileJson.invalidEnum()),
                new Field("operations[0].amount", Set.of(Type.INTEGER), true,
                        HostileJson.invalidIntegers(1, CounterOperation.MAX_AMOUNT))),
                List.of("", "operations[0]", "operations[1]")).cases();
    }

    @Provide
    Arbitrary<Case> entityStartEvents() {
        return new HostileJson(() -> object(ENTITY_BASE), List.of(
                new Field("counterId", Set.of(Type.STRING), true, Arbitraries.oneOf(HostileJson.invalidIds(),
                        // valid as ids, too long for the execution names of later generations
                        Arbitraries.integers().between(46, 64).map(n -> HostileJson.quote("c".repeat(n))))),
                new Field("generation", Set.of(Type.INTEGER), true,
                        HostileJson.invalidIntegers(1, EntityState.MAX_GENERATION)),
                new Field("value", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(Long.MIN_VALUE, Long.MAX_VALUE)),
                new Field("senders", Set.of(Type.ARRAY), false, Arbitraries.of(manySenders(EntityState.MAX_SENDERS + 1),
                        "[" + SENDER_BASE + "," + SENDER_BASE + "]", "[1]", "[null]", "[[]]")),
                new Field("senders[0].sender", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                new Field("senders[0].seq", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, Long.MAX_VALUE)),
                new Field("senders[0].lastId", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                // values: 1 to 16 integers, no more than the mark (seq 1 here) counts
                new Field("senders[0].values", Set.of(Type.ARRAY), true, Arbitraries.of("[]", "[1,2]", "[\"1\"]", "[1.5]",
                        "[null]", "[9223372036854775808]", "[" + "1,".repeat(SenderMark.VALUES_KEPT) + "1]"))),
                List.of("", "senders[0]")).cases();
    }

    @Provide
    Arbitrary<Case> entityMessages() {
        Arbitrary<Case> unreadable = Arbitraries.oneOf(
                Arbitraries.of("", " ", "{", "{\"id\":\"m\",\"op\":\"increment\",\"amount\":1", "increment 5", "\u0000\u0001",
                        "{\"id\":\"m\",\"id\":\"n\",\"op\":\"read\"}", "{\"id\":\"m\",\"op\":\"read\"} trailing",
                        "NaN", "{'id':'m','op':'read'}", "/* comment */ {\"id\":\"m\",\"op\":\"read\"}"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(64).filter(s -> !s.trim().startsWith("{")))
                .map(m -> new Case("not-json", "message", m));
        return new HostileJson(() -> object(MESSAGE_BASE), List.of(
                new Field("sender", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                // after the base message (number 1) the sender's next number is 2: any larger one skips
                new Field("seq", Set.of(Type.INTEGER), true, Arbitraries.oneOf(HostileJson.invalidIntegers(1, Long.MAX_VALUE),
                        Arbitraries.longs().between(3, Long.MAX_VALUE).map(Object::toString))),
                // number 1 is message "m-1": another id under it is a reused number
                new Field("id", Set.of(Type.STRING), true, Arbitraries.oneOf(HostileJson.invalidIds(),
                        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(20).map(t -> HostileJson.quote("x" + t)))),
                new Field("op", Set.of(Type.STRING), true, HostileJson.invalidEnum()),
                new Field("amount", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, CounterOperation.MAX_AMOUNT))),
                List.of("")).with(unreadable).cases();
    }

    @Provide
    Arbitrary<Case> videoRequests() {
        String good = "inputs/hostile-good.mp4";
        Arbitrary<Case> media = Arbitraries.oneOf(
                Arbitraries.of(MEDIA.keySet()).map(k -> new Case("bad-media", k, videoRequest(k))),
                // a fresh object per case: random bytes, or the good video cut at a random length
                Combinators.combine(Arbitraries.integers().between(0, 60_000), Arbitraries.of(true, false))
                        .as((n, junk) -> {
                            String key = "inputs/hostile-gen-" + NAMES.incrementAndGet() + ".mp4";
                            byte[] bytes = junk ? randomBytes(n) : Arrays.copyOf(GOOD, Math.min(n, GOOD.length - 1));
                            bed.upload(key, bytes);
                            return new Case(junk ? "random-bytes" : "truncated-mp4", key + " (" + bytes.length + " bytes)",
                                    videoRequest(key));
                        }));
        Arbitrary<Case> both = Arbitraries.of("1", "0.5", "3600").map(s -> new Case("count-and-duration",
                "chunkDurationSeconds", videoBase(good).put("chunkDurationSeconds", Double.parseDouble(s)).toString()));
        return new HostileJson(() -> videoBase(good), List.of(
                new Field("jobId", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                new Field("source", Set.of(Type.OBJECT), true, Arbitraries.of("{}", "{\"bucket\":\"" + bucket + "\"}",
                        "{\"key\":\"" + good + "\"}")),
                new Field("source.bucket", Set.of(Type.STRING), true, Arbitraries.oneOf(
                        Arbitraries.strings().ofMinLength(0).ofMaxLength(70).filter(b -> !b.equals(bucket)).map(HostileJson::quote),
                        Arbitraries.of("\"../" + bucket + "\"", "\"" + bucket + "/inputs\"", "\"" + bucket.toUpperCase() + "\""))),
                new Field("source.key", Set.of(Type.STRING), true, HostileJson.pathLikeKeys("inputs/")),
                new Field("chunkCount", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, VideoRequest.MAX_CHUNKS)),
                new Field("maxConcurrency", Set.of(Type.INTEGER), false,
                        HostileJson.invalidIntegers(1, VideoRequest.MAX_CHUNKS)),
                new Field("fanOut", Set.of(Type.STRING), false, HostileJson.invalidEnum()),
                new Field("target", Set.of(Type.OBJECT), false, Arbitraries.of("{\"width\":95}", "{\"height\":7}",
                        "{\"qp\":52}", "{\"width\":100000}", "{\"keyInterval\":0}")),
                new Field("target.width", Set.of(Type.INTEGER), false, Arbitraries.oneOf(Arbitraries.of("95", "1", "0", "-96"),
                        HostileJson.invalidIntegers(16, 1920))),
                new Field("target.height", Set.of(Type.INTEGER), false, Arbitraries.oneOf(Arbitraries.of("63", "1", "0"),
                        HostileJson.invalidIntegers(16, 1080))),
                new Field("target.qp", Set.of(Type.INTEGER), false, HostileJson.invalidIntegers(0, 51)),
                new Field("faults", Set.of(Type.OBJECT), false, FAULT_SECTIONS)),
                List.of("", "source", "target")).with(media).with(media).with(both).cases();
    }

    @Provide
    Arbitrary<Case> chunkTasks() {
        return chunkTaskCases("", () -> chunkTaskBase());
    }

    @Provide
    Arbitrary<Case> workerTasks() {
        return new HostileJson(() -> {
            ObjectNode w = HostileJson.JSON.createObjectNode();
            w.set("chunk", chunkTaskBase());
            w.put("firstAttempt", 1);
            w.put("coordination", "OPTIMIZED");
            return w;
        }, concat(chunkFields("chunk."), List.of(
                new Field("chunk", Set.of(Type.OBJECT), true, Arbitraries.of("{}")),
                new Field("firstAttempt", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, 1000)),
                new Field("coordination", Set.of(Type.STRING), true, HostileJson.invalidEnum()))),
                List.of("", "chunk", "chunk.chunk", "chunk.settings")).cases();
    }

    @Provide
    Arbitrary<Case> sliceTasks() {
        return new HostileJson(HostileInputTest::sliceTaskBase, sliceFields(""), List.of("", "chunks[0]", "settings"))
                .cases();
    }

    @Provide
    Arbitrary<Case> sliceEvents() {
        return new HostileJson(() -> {
            ObjectNode e = HostileJson.JSON.createObjectNode();
            e.set("slice", sliceTaskBase());
            e.put("resume", false);
            return e;
        }, concat(sliceFields("slice."), List.of(
                new Field("slice", Set.of(Type.OBJECT), true, Arbitraries.of("{}")),
                new Field("resume", Set.of(Type.BOOLEAN), true, Arbitraries.of("\"false\"", "0", "1", "null")))),
                List.of("", "slice", "slice.chunks[0]", "slice.settings")).cases();
    }

    private static List<Field> sliceFields(String p) {
        return List.of(
                new Field(p + "jobId", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                new Field(p + "bucket", Set.of(Type.STRING), true, Arbitraries.strings().ofMaxLength(40)
                        .filter(b -> !b.equals(bucket)).map(HostileJson::quote)),
                new Field(p + "index", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, VideoRequest.MAX_CHUNKS - 1)),
                new Field(p + "chunks", Set.of(Type.ARRAY), true, Arbitraries.of("[]", "[1]", "[null]", "[{}]",
                        "[{\"index\":0,\"firstFrame\":0,\"frameCount\":1,\"decodeFromFrame\":0},"
                                + "{\"index\":2,\"firstFrame\":1,\"frameCount\":1,\"decodeFromFrame\":0}]")),
                new Field(p + "chunks[0].index", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, VideoRequest.MAX_CHUNKS - 1)),
                new Field(p + "chunks[0].firstFrame", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, ChunkTask.MAX_FRAME)),
                new Field(p + "chunks[0].frameCount", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, ChunkTask.MAX_FRAME)),
                new Field(p + "chunks[0].decodeFromFrame", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, 0)),
                new Field(p + "settings", Set.of(Type.OBJECT), true, Arbitraries.of("{}", "{\"width\":96}")),
                new Field(p + "settings.width", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(16, 1920)),
                new Field(p + "settings.qp", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, 51)),
                new Field(p + "fanOut", Set.of(Type.STRING), true, HostileJson.invalidEnum()),
                new Field(p + "maxConcurrency", Set.of(Type.INTEGER), false, HostileJson.invalidIntegers(1, 2500)),
                new Field(p + "faults", Set.of(Type.OBJECT), false, FAULT_SECTIONS));
    }

    /** One slice of one chunk, as a job's coordinator would send it. */
    private static ObjectNode sliceTaskBase() {
        return object("{\"jobId\":\"hostile-s\",\"bucket\":\"" + bucket + "\",\"index\":0,\"chunks\":[{\"index\":0,"
                + "\"firstFrame\":0,\"frameCount\":12,\"decodeFromFrame\":0}],\"settings\":{\"width\":96,\"height\":64,"
                + "\"qp\":26,\"keyInterval\":12,\"motionSearchRange\":16},\"fanOut\":\"in-process\",\"maxConcurrency\":1}");
    }

    private Arbitrary<Case> chunkTaskCases(String prefix, java.util.function.Supplier<ObjectNode> base) {
        return new HostileJson(base, chunkFields(prefix), List.of("", "chunk", "settings")).cases();
    }

    private static List<Field> chunkFields(String p) {
        return List.of(
                new Field(p + "jobId", Set.of(Type.STRING), true, HostileJson.invalidIds()),
                new Field(p + "bucket", Set.of(Type.STRING), true, Arbitraries.strings().ofMaxLength(40)
                        .filter(b -> !b.equals(bucket)).map(HostileJson::quote)),
                new Field(p + "chunk", Set.of(Type.OBJECT), true, Arbitraries.of("{}",
                        "{\"index\":0,\"firstFrame\":0,\"frameCount\":0,\"decodeFromFrame\":0}")),
                new Field(p + "chunk.index", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, VideoRequest.MAX_CHUNKS - 1)),
                new Field(p + "chunk.firstFrame", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, ChunkTask.MAX_FRAME)),
                new Field(p + "chunk.frameCount", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, ChunkTask.MAX_FRAME)),
                new Field(p + "chunk.decodeFromFrame", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, 0)),
                new Field(p + "segmentKey", Set.of(Type.STRING), true, Arbitraries.oneOf(
                        HostileJson.pathLikeKeys("jobs/hostile-c/segments/"),
                        Arbitraries.of("\"inputs/hostile-good.mp4\"", "\"jobs/other-job/segments/0000.mp4\"",
                                "\"jobs/hostile-c/segments/0001.mp4\""))),
                new Field(p + "chunkKey", Set.of(Type.STRING), true, Arbitraries.oneOf(
                        HostileJson.pathLikeKeys("jobs/hostile-c/chunks/"),
                        Arbitraries.of("\"inputs/hostile-good.mp4\"", "\"jobs/hostile-c/output.mp4\"",
                                "\"jobs/hostile-c/segments/0000.mp4\""))),
                new Field(p + "settings", Set.of(Type.OBJECT), true, Arbitraries.of("{}", "{\"width\":96}")),
                new Field(p + "settings.width", Set.of(Type.INTEGER), true, Arbitraries.oneOf(Arbitraries.of("95", "97"),
                        HostileJson.invalidIntegers(16, 1920))),
                new Field(p + "settings.height", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(16, 1080)),
                new Field(p + "settings.qp", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, 51)),
                new Field(p + "settings.keyInterval", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(1, 10_000)),
                new Field(p + "settings.motionSearchRange", Set.of(Type.INTEGER), true, HostileJson.invalidIntegers(0, 64)),
                new Field(p + "faults", Set.of(Type.OBJECT), false, FAULT_SECTIONS));
    }

    private static ObjectNode chunkTaskBase() {
        return object("{\"jobId\":\"hostile-c\",\"bucket\":\"" + bucket + "\",\"chunk\":{\"index\":0,\"firstFrame\":0,"
                + "\"frameCount\":12,\"decodeFromFrame\":0},\"segmentKey\":\"jobs/hostile-c/segments/0000.mp4\","
                + "\"chunkKey\":\"jobs/hostile-c/chunks/0000.mp4\",\"settings\":{\"width\":96,\"height\":64,\"qp\":26,"
                + "\"keyInterval\":12,\"motionSearchRange\":16}}");
    }

    private static ObjectNode videoBase(String key) {
        return object("{\"jobId\":\"hostile-v\",\"source\":{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"},"
                + "\"chunkCount\":2,\"maxConcurrency\":2,\"fanOut\":\"in-process\",\"target\":{\"width\":96,\"height\":64,\"qp\":26}}");
    }

    private static String videoRequest(String key) {
        return videoBase(key).toString();
    }

    /**
     * Fault sections, well formed or not: the deployed functions take none (test hooks are off), so
     * each is refused at the field before anything is read or written; among them the cost
     * amplifiers (every attempt failing, a crash point).
     */
    static final Arbitrary<String> FAULT_SECTIONS = Arbitraries.of("{}", "{\"chunkFailureProbability\":1}",
            "{\"chunkFailureProbability\":0.3,\"seed\":7}", "{\"crashPoint\":\"mid-encode\"}",
            "{\"crashPoint\":\"after-validate\",\"chunkFailureProbability\":1}", "{\"chunkFailureProbability\":1.5}",
            "{\"seed\":1.5}", "{\"kill\":true}");
    static final String COUNTER_BASE = "{\"counterId\":\"hostile\",\"operations\":[{\"id\":\"op-1\",\"op\":\"increment\","
            + "\"amount\":1},{\"id\":\"op-2\",\"op\":\"read\"}]}";
    static final String SENDER_BASE = "{\"sender\":\"s-1\",\"seq\":1,\"lastId\":\"m-1\",\"values\":[0]}";
    static final String ENTITY_BASE = "{\"counterId\":\"hostile-e\",\"generation\":1,\"value\":0,\"senders\":["
            + SENDER_BASE + "]}";
    /** Sent once before the hostile messages: the entity's value is 1 and the sender's mark 1 from then on. */
    static final String MESSAGE_BASE = "{\"sender\":\"hostile-s\",\"seq\":1,\"id\":\"m-1\",\"op\":\"increment\","
            + "\"amount\":1}";
    static final byte[] GOOD = TestVideos.of(TestVideos.SMALL);
    /** Bad sources uploaded once; the generator also makes fresh random and truncated ones. */
    static final Map<String, byte[]> MEDIA = Map.of(
            "inputs/hostile-truncated.mp4", TestVideos.truncated(),
            "inputs/hostile-corrupt.mp4", TestVideos.corrupt(),
            "inputs/hostile-wrong-codec.mp4", TestVideos.wrongCodec(),
            "inputs/hostile-text.mp4", TestVideos.text(),
            "inputs/hostile-empty.mp4", new byte[0],
            "inputs/hostile-oversized.mp4", TestVideos.junk(1_000_001),
            "inputs/hostile-too-long.mp4", TestVideos.of(VideoJobs.TOO_LONG));

    // ------------------------------------------------------------------ driving the functions

    /** What a function (or the service in front of it) answered. */
    record Answer(String payload, String functionError, String serviceError) {
    }

    interface Call {
        Answer call();
    }

    private static String name() {
        return "hostile-" + NAMES.incrementAndGet();
    }

    /** A synchronous invoke with a short socket timeout: a hung answer fails the case instead of the run. */
    private static Answer invoke(String function, String payload, String executionName) {
        var r = client.invoke(b -> {
            b.functionName(function).payload(SdkBytes.fromUtf8String(payload));
            if (executionName != null) {
                b.durableExecutionName(executionName);
            }
        });
        return new Answer(r.payload() == null ? "" : r.payload().asUtf8String(), r.functionError(), null);
    }

    /** Starts an entity generation (asynchronously, as senders do) and waits for the execution to end. */
    private static Answer startEntity(String payload) {
        return startEntity(payload, Duration.ofSeconds(10));
    }

    private static Answer startEntity(String payload, Duration wait) {
        String arn = bed.invokeAsync("CounterEntityFunction:live", payload, name());
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            var e = bed.lambda().client().getDurableExecution(b -> b.durableExecutionArn(arn));
            if (e.status() != ExecutionStatus.RUNNING) {
                String error = e.error() == null ? null : errorBody(e.error().errorType(), e.error().errorMessage(),
                        e.error().stackTrace());
                return new Answer(error != null ? error : e.result(), e.status() == ExecutionStatus.SUCCEEDED ? null
                        : e.status().toString(), null);
            }
            pause(5);
        }
        return new Answer("{\"status\":\"RUNNING\"}", null, null); // accepted: an entity now waits for messages
    }

    private static String errorBody(String type, String message, List<String> stackTrace) {
        ObjectNode n = HostileJson.JSON.createObjectNode();
        n.put("errorType", type);
        n.put("errorMessage", message);
        if (stackTrace != null) {
            stackTrace.forEach(n.withArray("stackTrace")::add);
        }
        return n.toString();
    }

    /** Completes the entity's open inbox slot with {@code message} and returns the entity's reply to it. */
    private static Answer deliverToEntity(String message) {
        if (entityArn == null) {
            entityArn = bed.invokeAsync("CounterEntityFunction:live", HostileJson.JSON.valueToTree(
                    EntityState.first("hostile-inbox")).toString(), EntityState.executionName("hostile-inbox", 1));
        }
        // The open slot: a message the service refuses leaves it open for the next one.
        int slot = ENTITY_SLOT.get() + 1;
        String callbackId = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (callbackId == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("inbox-" + slot + " of the entity never opened; newest events: " + history(true)
                        .stream().map(e -> e.eventType() + " " + e.name()).toList() + "; execution "
                        + bed.lambda().client().getDurableExecution(b -> b.durableExecutionArn(entityArn)));
            }
            for (Event e : history(false)) {
                if (e.eventType() == EventType.CALLBACK_STARTED && ("inbox-" + slot).equals(e.name())) {
                    callbackId = e.callbackStartedDetails().callbackId();
                }
            }
            if (callbackId == null) {
                pause(2);
            }
        }
        String id = callbackId;
        try {
            bed.lambda().client().sendDurableExecutionCallbackSuccess(b -> b.callbackId(id)
                    .result(SdkBytes.fromUtf8String(message)));
            ENTITY_SLOT.set(slot);
        } catch (LambdaException refused) {
            return new Answer(null, null, refused.awsErrorDetails().errorCode() + ": "
                    + refused.awsErrorDetails().errorMessage());
        }
        while (true) {
            assertThat(System.nanoTime()).as("apply-" + slot + " of the entity never ran").isLessThan(deadline);
            for (Event e : history(true)) {
                if (e.eventType() == EventType.STEP_SUCCEEDED && ("apply-" + slot).equals(e.name())) {
                    String reply = e.stepSucceededDetails().result().payload();
                    if (slot > 1) {
                        // state unchanged: the counter is still at the 1 the base message made it
                        assertThat(parse(reply).path("value").asLong()).as("entity value after " + message + ": " + reply)
                                .isEqualTo(1);
                    }
                    return new Answer(reply, null, null);
                }
                if (e.eventType() == EventType.EXECUTION_FAILED) {
                    return new Answer(errorBody(e.executionFailedDetails().error().payload().errorType(),
                            e.executionFailedDetails().error().payload().errorMessage(), null), "FAILED", null);
                }
            }
            pause(2);
        }
    }

    private static List<Event> history(boolean withData) {
        return bed.lambda().client().getDurableExecutionHistory(b -> b.durableExecutionArn(entityArn).reverseOrder(true)
                .maxItems(20).includeExecutionData(withData)).events();
    }

    // ------------------------------------------------------------------ the checks

    /** A stack frame line, or a fully qualified exception class named in a message. */
    static final Pattern STACK_FRAME = Pattern.compile("(^|\\s)at [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\(|\\tat |\\bat io\\.durablebench\\.");
    static final Pattern QUALIFIED_EXCEPTION = Pattern.compile("\\b([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error)\\b");

    private static void check(String function, String propertyName, Case c, Call call) {
        Tally t = TALLIES.computeIfAbsent(function, f -> new Tally());
        BEFORE.computeIfAbsent(function, f -> Snapshot.take());
        t.generated.incrementAndGet();
        String property = function + "/" + propertyName;
        if (RUN_PER_PROPERTY.computeIfAbsent(property, k -> new AtomicInteger()).get() >= CAP) {
            return; // enough for this property: keep the suite within its time budget
        }
        if (!t.payloads.add(c.payload())) {
            return; // the same document again proves nothing new
        }
        RUN_PER_PROPERTY.get(property).incrementAndGet();
        t.cases.incrementAndGet();
        t.kinds.computeIfAbsent(c.kind(), k -> new AtomicInteger()).incrementAndGet();
        Map<String, Long> ddb = bed.wires().dynamoDb().requests();
        Map<String, Long> s3 = bed.wires().s3().requests();
        Answer a;
        try {
            a = call.call();
        } catch (LambdaException refused) {
            a = new Answer(null, null, refused.awsErrorDetails().errorCode() + ": " + refused.awsErrorDetails().errorMessage());
        }
        Map<String, Long> writes = writesSince(ddb, s3);
        if (!writes.isEmpty()) {
            t.writes.incrementAndGet();
        }
        Verdict v = judge(function, a);
        switch (v.how()) {
            case "function" -> t.byFunction.incrementAndGet();
            case "service" -> t.byService.incrementAndGet();
            default -> t.accepted.incrementAndGet();
        }
        if (v.stackTrace()) {
            t.stackTraces.incrementAndGet();
        }
        if (!v.clear()) {
            t.unclear.incrementAndGet();
        }
        String what = function + " " + c + "\n  answered: " + abbreviate(String.valueOf(a));
        assertThat(v.how()).as("refused: " + what).isNotEqualTo("accepted");
        assertThat(v.stackTrace()).as("no stack trace: " + what).isFalse();
        assertThat(v.clear()).as("a clear message (" + v.message() + "): " + what).isTrue();
        assertThat(writes).as("no store writes: " + what).isEmpty();
    }

    record Verdict(String how, String message, boolean clear, boolean stackTrace) {
    }

    static Verdict judge(String function, Answer a) {
        if (a.serviceError() != null) {
            return new Verdict("service", a.serviceError(), clear(a.serviceError()), leaks(a.serviceError()));
        }
        JsonNode body;
        try {
            body = HostileJson.JSON.readTree(a.payload() == null ? "" : a.payload());
        } catch (IOException e) {
            return new Verdict("accepted", "answer is not JSON: " + a.payload(), false, leaks(a.payload()));
        }
        if (body == null) {
            return new Verdict("accepted", "empty answer", false, false);
        }
        if (a.functionError() != null) {
            // A FAILED durable execution or a thrown error: type, message, frames.
            String message = body.path("errorMessage").asText("");
            boolean frames = body.path("stackTrace").size() > 0;
            boolean invalidInput = body.path("errorType").asText("").equals("InvalidInput");
            return new Verdict(invalidInput ? "function" : "accepted", body.path("errorType").asText() + ": " + message,
                    clear(message) && namesAField(message), frames || leaks(message));
        }
        JsonNode error = body.path("error");
        if (error.isObject() && error.path("type").asText().equals("InvalidInput")) {
            String message = error.path("message").asText("");
            String field = error.path("field").asText("");
            // a refusal about a field names it; everything the caller sees, the metrics included,
            // must be free of traces
            return new Verdict("function", message, clear(message) && message.contains(field),
                    leaks(body.toString()) || body.has("stackTrace"));
        }
        return new Verdict("accepted", body.toString(), false, leaks(body.toString()));
    }

    /** A durable refusal's message starts with the field ("operations[0].amount: ...") or speaks of the document. */
    static boolean namesAField(String message) {
        return Pattern.compile("^[A-Za-z][\\w.\\[\\]]*: ").matcher(message).find() || message.startsWith("malformed JSON")
                || message.startsWith("expected a JSON object") || message.startsWith("request");
    }

    /** Says what is wrong in words, at a readable length. */
    static boolean clear(String message) {
        return message != null && message.strip().length() >= 10 && message.length() <= 4000;
    }

    static boolean leaks(String text) {
        return text != null && (STACK_FRAME.matcher(text).find() || QUALIFIED_EXCEPTION.matcher(text).find());
    }

    private static Map<String, Long> writesSince(Map<String, Long> ddb, Map<String, Long> s3) {
        Map<String, Long> out = new TreeMap<>();
        VideoTestBed.since(ddb, bed.wires().dynamoDb().requests()).forEach((op, n) -> {
            if (Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem").contains(op)) {
                out.put("dynamodb " + op, n);
            }
        });
        VideoTestBed.since(s3, bed.wires().s3().requests()).forEach((op, n) -> {
            if (op.startsWith("PUT ") || op.startsWith("POST ") || op.startsWith("DELETE ")) {
                out.put("s3 " + op, n);
            }
        });
        return out;
    }

    /** Every item of every table and every key of the bucket but the test's own uploads. */
    record Snapshot(Map<String, List<Map<String, AttributeValue>>> tables, List<String> keys) {
        static Snapshot take() {
            Map<String, List<Map<String, AttributeValue>>> tables = new TreeMap<>();
            for (String t : bed.dynamoDb().listTables().tableNames()) {
                List<Map<String, AttributeValue>> items = new ArrayList<>(
                        bed.dynamoDb().scan(b -> b.tableName(t).consistentRead(true)).items());
                items.sort((x, y) -> x.toString().compareTo(y.toString()));
                tables.put(t, items);
            }
            List<String> keys = bed.keys("").stream().filter(k -> !k.startsWith("inputs/hostile-")).toList();
            return new Snapshot(tables, keys);
        }
    }

    // ------------------------------------------------------------------ the end of each function's cases

    /** After all properties: state as before each function's first case, and the report. */
    static void writeReport() throws IOException {
        pause(500); // let asynchronous work started by a wrongly accepted case (worker invokes) land
        Snapshot now = Snapshot.take();
        List<String> problems = new ArrayList<>();
        // All functions share the tables and bucket; the earliest snapshot is the state before any case.
        Snapshot first = BEFORE.values().stream().findFirst().orElse(now);
        for (Snapshot s : BEFORE.values()) {
            if (s.keys().size() < first.keys().size()) {
                first = s;
            }
        }
        boolean unchanged = now.equals(first);
        Set<String> extraKeys = new HashSet<>(now.keys());
        extraKeys.removeAll(first.keys());
        if (!unchanged) {
            problems.add("state changed: new keys " + extraKeys + ", tables " + now.tables().keySet());
        }
        StringBuilder md = new StringBuilder();
        double seconds = (System.nanoTime() - started) / 1e9;
        md.append("| function | cases run (generated) | refused by the function | refused by the service | accepted "
                + "| unclear message | stack traces leaked | cases with store writes | objects left |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Tally> e : new TreeMap<>(TALLIES).entrySet()) {
            Tally t = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(t.cases).append(" (").append(t.generated)
                    .append(") | ").append(t.byFunction).append(" | ").append(t.byService).append(" | ")
                    .append(t.accepted).append(" | ").append(t.unclear).append(" | ").append(t.stackTraces).append(" | ")
                    .append(t.writes).append(" | ").append(extraKeys.size()).append(" |\n");
        }
        md.append("\nCases by kind:\n\n");
        for (Map.Entry<String, Tally> e : new TreeMap<>(TALLIES).entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(new TreeMap<>(e.getValue().kinds)).append('\n');
        }
        md.append(String.format("%nTables and bucket after all cases equal to before: %s. Wall time of the class "
                + "(testbed start included): %.1f s.%n", unchanged, seconds));
        Path out = Path.of("target", "hostile-input-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        assertThat(problems).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) HostileJson.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String manyOperations(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"op-").append(i).append("\",\"op\":\"read\"}");
        }
        return b.append(']').toString();
    }

    private static String manySenders(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(SENDER_BASE.replace("s-1", "s-" + i));
        }
        return b.append(']').toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        synchronized (RANDOM) {
            RANDOM.nextBytes(b);
        }
        return b;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
