package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durablebench.model.FunctionError;
import io.durablebench.model.metrics.InvocationMetrics;
import java.util.List;

/**
 * The answer of both video functions, so the two compare row by row.
 *
 * @param jobId           the job
 * @param output          the stored output MP4
 * @param frameCount      frames in the output, counted by decoding it (equal to the source's)
 * @param durationSeconds duration of the output, from its decoded frames (equal to the source's)
 * @param width           output width in pixels, as decoded
 * @param height          output height in pixels, as decoded
 * @param chunks          one entry per chunk, in output order; absent for a job run in slices
 * @param slices          a job run in slices (more chunks than one coordinator owns): one entry per
 *                        slice, in output order; absent otherwise
 * @param metrics         what the invocation cost (store calls, durable operations, time)
 * @param error           set instead of the other fields when the request was refused or failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoResponse(String jobId, S3ObjectRef output, Integer frameCount, Double durationSeconds,
                            Integer width, Integer height, List<VideoChunkResult> chunks,
                            List<VideoSliceResult> slices, InvocationMetrics metrics, FunctionError error) {
    public VideoResponse {
        chunks = chunks == null ? null : List.copyOf(chunks);
        slices = slices == null ? null : List.copyOf(slices);
    }

    public static VideoResponse ok(String jobId, S3ObjectRef output, int frameCount, double durationSeconds,
                                   int width, int height, List<VideoChunkResult> chunks, InvocationMetrics metrics) {
        return new VideoResponse(jobId, output, frameCount, durationSeconds, width, height, chunks, null, metrics,
                null);
    }

    /** The answer of a job run in slices: one entry per slice instead of one per chunk. */
    public static VideoResponse okInSlices(String jobId, S3ObjectRef output, int frameCount, double durationSeconds,
                                           int width, int height, List<VideoSliceResult> slices,
                                           InvocationMetrics metrics) {
        return new VideoResponse(jobId, output, frameCount, durationSeconds, width, height, null, slices, metrics,
                null);
    }

    /** The same answer with {@code metrics}: what the answering invocation cost. */
    public VideoResponse withMetrics(InvocationMetrics metrics) {
        return new VideoResponse(jobId, output, frameCount, durationSeconds, width, height, chunks, slices, metrics,
                error);
    }

    /** A refusal or failure; {@code jobId} may be null when the request had none that was valid. */
    public static VideoResponse failed(String jobId, FunctionError error, InvocationMetrics metrics) {
        return new VideoResponse(jobId, null, null, null, null, null, null, null, metrics, error);
    }
}
