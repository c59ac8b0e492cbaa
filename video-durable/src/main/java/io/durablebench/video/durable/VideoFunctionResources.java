package io.durablebench.video.durable;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.video.pipeline.VideoStages;
import io.durablebench.video.pipeline.VideoTestHooks;

/**
 * The AWS wiring of a durable video function instance, kept out of the workflow: the pipeline
 * stages on its metered S3 client, its test-hooks switch, and the functions it chained-invokes: the
 * chunk encoder (per-chunk fan-out) and the slice function (jobs in slices).
 *
 * @param chunkEncoder  qualified name of the chunk encoder ({@code CHUNK_ENCODER_FUNCTION}); null when unset
 * @param sliceFunction qualified name of the slice function ({@code SLICE_FUNCTION}); null when unset
 */
record VideoFunctionResources(VideoStages stages, VideoTestHooks hooks, String chunkEncoder, String sliceFunction) {
    static VideoFunctionResources of(FunctionEnvironment env, StoreMeter meter) {
        return new VideoFunctionResources(VideoStages.fromEnvironment(env, meter), VideoTestHooks.fromEnvironment(env),
                env.get("CHUNK_ENCODER_FUNCTION").orElse(null), env.get("SLICE_FUNCTION").orElse(null));
    }

    String requireChunkEncoder() {
        return require(chunkEncoder, "CHUNK_ENCODER_FUNCTION");
    }

    String requireSliceFunction() {
        return require(sliceFunction, "SLICE_FUNCTION");
    }

    private static String require(String value, String variable) {
        if (value == null) {
            throw new IllegalStateException("environment variable " + variable + " is not set; the function's "
                    + "template entry must define it");
        }
        return value;
    }
}
