package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.local.LocalAws;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.S3ObjectRef;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.support.MeteredHandler;
import io.durablebench.video.media.MediaLimits;
import io.durablebench.video.media.VideoProbe;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.testbed.TestVideos;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What the local Lambda never does but Lambda may: lose an asynchronous event (or the worker dies
 * without a word), or deliver one twice. The coordinator runs here against DynamoDB Local and the
 * local S3, with the real worker handler behind a dispatcher that drops or doubles chosen events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostAndDuplicateWorkersTest {
    LocalAws aws;
    WorkerResources coordinatorSide;

    @BeforeAll
    void start() {
        aws = LocalAws.start(SamTemplate.locate(Path.of("")));
        aws.s3().client().putObject(b -> b.bucket(aws.bucketName("VideoBucket")).key("inputs/small.mp4"),
                RequestBody.fromBytes(TestVideos.of(TestVideos.SMALL)));
        coordinatorSide = WorkerResources.of(new FunctionEnvironment(aws.environmentOf("VideoBaselineFunction")),
                new StoreMeter());
    }

    @AfterAll
    void stop() {
        aws.close();
    }

    /** Runs each dispatched task on a thread of its own; drops the tasks {@code drop} picks, and runs {@code twice} ones twice. */
    final class TestDispatcher implements WorkerDispatcher {
        final Map<Integer, AtomicInteger> dispatches = new ConcurrentHashMap<>();
        final Predicate<WorkerTask> drop;
        final Predicate<WorkerTask> twice;

        TestDispatcher(Predicate<WorkerTask> drop, Predicate<WorkerTask> twice) {
            this.drop = drop;
            this.twice = twice;
        }

        @Override
        public void dispatch(WorkerTask task) {
            dispatches.computeIfAbsent(task.chunk().index(), i -> new AtomicInteger()).incrementAndGet();
            if (drop.test(task)) {
                return;
            }
            int copies = twice.test(task) ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                Thread t = new Thread(() -> {
                    // one handler instance per invocation, as Lambda runs one invocation per environment at a time
                    VideoChunkWorkerHandler worker = MeteredHandler.withEnvironment(new VideoChunkWorkerHandler(),
                            aws.environmentOf("VideoChunkWorkerFunction"));
                    try {
                        worker.handleRequest(new ByteArrayInputStream(StrictJson.writeBytes(task)),
                                new ByteArrayOutputStream(), null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private VideoResponse run(String jobId, TestDispatcher dispatcher) {
        BaselineConfig config = new BaselineConfig(aws.environmentOf("VideoBaselineFunction").get("VIDEO_TABLE"), null,
                Coordination.OPTIMIZED,
                Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(2), null,
                Duration.ofSeconds(960));
        ChunkFanOut fanOut = new ChunkFanOut(coordinatorSide.table(), coordinatorSide.runner(), dispatcher, config,
                Clock.systemUTC());
        // 4 chunks: one slice, so no slice coordinator is needed
        OptimizedCoordinator coordinator = new OptimizedCoordinator(coordinatorSide.stages(),
                new JobClaim(coordinatorSide.table(), config, Clock.systemUTC()), fanOut, null,
                new BaselineCompensation(coordinatorSide.stages(), new CompensationTable(coordinatorSide.dynamoDb(),
                        config.table(), Clock.systemUTC())));
        VideoRequest request = new VideoRequest(jobId, new S3ObjectRef(aws.bucketName("VideoBucket"), "inputs/small.mp4"),
                4, null, null, null, FanOutMode.PER_CHUNK_INVOCATION, null);
        return coordinator.run(request, new OptimizedCoordinator.Invocation("request-" + jobId, Long.MAX_VALUE),
                JobHooks.NONE);
    }

    private void assertVerified(VideoResponse r, String jobId) {
        assertThat(r.error()).isNull();
        assertThat(r.frameCount()).isEqualTo(TestVideos.SMALL.frameCount());
        byte[] output = aws.s3().client().getObjectAsBytes(b -> b.bucket(aws.bucketName("VideoBucket"))
                .key("jobs/" + jobId + "/output.mp4")).asByteArray();
        assertThat(VideoProbe.probe(output, MediaLimits.DEFAULT).frameCount()).isEqualTo(TestVideos.SMALL.frameCount());
    }

    @Test
    void aLostWorkerIsNoticedAndItsChunkSentAgain() {
        AtomicInteger lost = new AtomicInteger();
        TestDispatcher dispatcher = new TestDispatcher(t -> t.chunk().index() == 1 && lost.getAndIncrement() == 0,
                t -> false);
        VideoResponse r = run("lost-worker", dispatcher);
        assertVerified(r, "lost-worker");
        // the lost chunk must be sent again (the job could not finish otherwise); on a slow machine any chunk may
        // also go 2 s without news and be re-sent once more, which the chunk records make harmless: no exact counts
        assertThat(dispatcher.dispatches.get(1).get()).as("chunk 1 sent again after 2 s without news").isGreaterThanOrEqualTo(2);
        assertThat(List.of(0, 2, 3)).allSatisfy(i -> assertThat(dispatcher.dispatches.get(i).get()).isPositive());
    }

    @Test
    void aDuplicateDeliveryChangesNothing() {
        TestDispatcher dispatcher = new TestDispatcher(t -> false, t -> t.chunk().index() == 2);
        VideoResponse r = run("duplicate-delivery", dispatcher);
        assertVerified(r, "duplicate-delivery");
        assertThat(r.chunks().get(2).attempts()).isEqualTo(1);
        assertThat(coordinatorSide.table().chunks("duplicate-delivery", true)).hasSize(4)
                .allSatisfy(c -> assertThat(c.done()).isTrue());
    }
}
