package io.durablebench.video.pipeline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.video.S3ObjectRef;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.media.ChunkAssembler;
import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.ChunkPlanner;
import io.durablebench.video.media.ChunkTranscoder;
import io.durablebench.video.media.EncodeSettings;
import io.durablebench.video.media.EncodedChunk;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.VideoInfo;
import io.durablebench.video.media.VideoProbe;
import io.durablebench.video.media.VideoSplitter;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.media.VideoVerifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The pipeline's real work on S3 objects, identical for both video functions: they call these
 * stages in the same order with the same arguments, and differ only in how they record progress
 * (durable checkpoints or DynamoDB records) and fan out.
 *
 * <ol>
 *   <li>{@link #validate}: read the source (1 GetObject) and decode every frame;</li>
 *   <li>{@link #plan} and {@link #split}: cut the chunk segments (1 PutObject each);</li>
 *   <li>{@link #encode}: one chunk: read its segment, transcode, write the chunk (1 GetObject +
 *       1 PutObject per attempt that gets that far);</li>
 *   <li>{@link #assemble}: read the chunks in order, join them, write the output (1 GetObject per
 *       chunk + 1 PutObject);</li>
 *   <li>{@link #verify}: read the stored output and decode every frame (1 GetObject).</li>
 * </ol>
 * So a job of N chunks without failures makes 4N + 3 S3 calls on either side.
 */
public final class VideoStages {
    private final VideoObjects objects;
    private final PipelineConfig config;

    /** Primes the S3 calls of the stages ({@link VideoObjects#prime()}); nothing is read or written. */
    public void prime() {
        objects.prime();
    }

    public VideoStages(VideoObjects objects, PipelineConfig config) {
        this.objects = objects;
        this.config = config;
    }

    /** The stages of a function: its {@link PipelineConfig} and its bucket through its metered S3 client. */
    public static VideoStages fromEnvironment(FunctionEnvironment env, StoreMeter meter) {
        PipelineConfig config = PipelineConfig.fromEnvironment(env);
        return new VideoStages(VideoObjects.connect(env, meter, config.bucket()), config);
    }

    public PipelineConfig config() {
        return config;
    }

    /** Request checks that need the function's configuration: the bucket and the source prefix. */
    public void checkRequest(VideoRequest request) {
        if (!request.source().bucket().equals(config.bucket())) {
            throw new InvalidInputException("source.bucket", "this function reads sources only from bucket \""
                    + config.bucket() + "\", not \"" + request.source().bucket() + "\"");
        }
        if (!request.source().key().startsWith(config.sourcePrefix())) {
            throw new InvalidInputException("source.key", "sources must be under \"" + config.sourcePrefix()
                    + "\" (the only prefix the function may read sources from), got \"" + request.source().key() + "\"");
        }
    }

    /** A source that passed validation: the bytes and the probe, kept for planning within one invocation. */
    public record ValidatedSource(SourceSummary summary, VideoInfo info, byte[] bytes) {
    }

    /**
     * Reads and probes the source.
     *
     * @throws InvalidInputException the object does not exist or may not be read
     * @throws InvalidMediaException it is not a video the pipeline accepts
     */
    public ValidatedSource validate(VideoRequest request) {
        VideoObjects.Source source = objects.readSource(request.source().key(), config.limits().maxBytes(), null);
        VideoInfo info = VideoProbe.probe(source.bytes(), config.limits());
        return new ValidatedSource(SourceSummary.of(info, source.eTag()), info, source.bytes());
    }

    /** Reads the source again (the validated version) and probes it: for planning in a later invocation. */
    public ValidatedSource revalidate(VideoRequest request, SourceSummary validated) {
        VideoObjects.Source source = objects.readSource(request.source().key(), config.limits().maxBytes(),
                validated.eTag());
        VideoInfo info = VideoProbe.probe(source.bytes(), config.limits());
        return new ValidatedSource(SourceSummary.of(info, source.eTag()), info, source.bytes());
    }

    /** The refusal a caller gets for a problem found while validating or planning. */
    public static FunctionError refusal(RuntimeException problem) {
        if (problem instanceof InvalidMediaException media) {
            return media.toFunctionError("source");
        }
        if (problem instanceof InvalidInputException input) {
            return FunctionError.of(input);
        }
        throw problem;
    }

    /**
     * The chunks and encoder settings.
     *
     * @throws InvalidInputException more chunks than frames, chunks that are too short, ...
     */
    public static JobPlan plan(VideoRequest request, VideoInfo source) {
        List<ChunkPlan> chunks = request.chunkCount() != null ? ChunkPlanner.byCount(source, request.chunkCount())
                : ChunkPlanner.byDuration(source, request.chunkDurationSeconds());
        return new JobPlan(chunks, EncodeSettings.forTarget(source, request.target()));
    }

    /** Cuts and stores the segments of the chunks {@code indexes} (all of them on a first run). */
    public void split(VideoRequest request, byte[] source, JobPlan plan, Collection<Integer> indexes) {
        for (int i : indexes) {
            objects.write(request.segmentObject(i).key(), VideoSplitter.segment(source, plan.chunks().get(i)));
        }
    }

    public static List<Integer> allChunks(JobPlan plan) {
        List<Integer> all = new ArrayList<>(plan.chunkCount());
        for (int i = 0; i < plan.chunkCount(); i++) {
            all.add(i);
        }
        return all;
    }

    public static ChunkTask task(VideoRequest request, JobPlan plan, int index) {
        return new ChunkTask(request.jobId(), request.source().bucket(), plan.chunks().get(index),
                request.segmentObject(index).key(), request.chunkObject(index).key(), plan.settings(), request.faults());
    }

    /**
     * Attempt {@code attempt} (from 1) of encoding a chunk: read its segment, transcode it and store
     * it. The job's test hooks may fail the attempt after the transcode, before the upload, so a
     * failed attempt costs the work but writes nothing.
     *
     * @throws TransientChunkFailure an injected failure, to be retried
     */
    public ChunkOutcome encode(ChunkTask task, int attempt, JobHooks hooks) {
        long started = System.nanoTime();
        byte[] segment = objects.read(task.segmentKey());
        EncodedChunk encoded = ChunkTranscoder.transcode(segment, VideoSplitter.withinSegment(task.chunk()),
                task.settings());
        hooks.beforeChunkStored(task, attempt);
        objects.write(task.chunkKey(), encoded.mp4());
        return new ChunkOutcome(task.index(), task.chunk().firstFrame(), encoded.frameCount(), task.chunkKey(),
                encoded.sizeBytes(), attempt, (System.nanoTime() - started) / 1e6);
    }

    /** Reads the chunks in order, joins them without re-encoding and stores the output. */
    public OutputObject assemble(VideoRequest request, int chunkCount) {
        List<byte[]> chunks = new ArrayList<>(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            chunks.add(objects.read(request.chunkObject(i).key()));
        }
        byte[] output = ChunkAssembler.assemble(chunks);
        String key = request.outputObject().key();
        objects.write(key, output);
        return new OutputObject(key, output.length, chunkCount);
    }

    /** Reads the stored output and decodes every frame of it. */
    public VideoVerification verify(VideoRequest request, SourceSummary source, EncodeSettings settings) {
        byte[] output = objects.read(request.outputObject().key());
        return VideoVerifier.verify(output, source.toVideoInfo(), settings);
    }

    /** The answer for a verified output. */
    public static VideoResponse ok(VideoRequest request, VideoVerification verified, List<VideoChunkResult> chunks,
                                   InvocationMetrics metrics) {
        S3ObjectRef output = request.outputObject();
        return VideoResponse.ok(request.jobId(), output, verified.frameCount(), verified.durationSeconds(),
                verified.width(), verified.height(), chunks, metrics);
    }

    /** The answer for a verified output of a job run in slices. */
    public static VideoResponse okInSlices(VideoRequest request, VideoVerification verified,
                                           List<VideoSliceResult> slices, InvocationMetrics metrics) {
        return VideoResponse.okInSlices(request.jobId(), request.outputObject(), verified.frameCount(),
                verified.durationSeconds(), verified.width(), verified.height(), slices, metrics);
    }

    /** The chunk indexes of slice {@code slice}. */
    public static List<Integer> chunksOf(JobSlices slices, int slice) {
        List<Integer> out = new ArrayList<>(slices.chunksIn(slice));
        for (int i = 0; i < slices.chunksIn(slice); i++) {
            out.add(slices.firstChunk(slice) + i);
        }
        return out;
    }

    /** The failure answer for an output that did not verify. */
    public static FunctionError verificationFailed(VideoVerification verified) {
        return new FunctionError(FunctionError.INTERNAL_ERROR, "", "the assembled output failed verification: "
                + String.join("; ", verified.mismatches()));
    }
}
