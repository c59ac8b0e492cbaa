package io.durablebench.video.durable;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.video.pipeline.VideoStages;
import io.durablebench.video.pipeline.VideoTestHooks;

/**
 * The AWS wiring of a durable video function instance, kept out of the workflow: the pipeline
 * stages on its metered S3 client, its test-hooks switch, and (for per-chunk fan-out) the chunk
 * encoder it invokes.
 *
 * @param chunkEncoder qualified name of the chunk encoder ({@code CHUNK_ENCODER_FUNCTION}); null when unset
 */
record VideoFunctionResources(VideoStages stages, VideoTestHooks hooks, String chunkEncoder) {
    static VideoFunctionResources of(FunctionEnvironment env, StoreMeter meter) {
        return new VideoFunctionResources(VideoStages.fromEnvironment(env, meter), VideoTestHooks.fromEnvironment(env),
                env.get("CHUNK_ENCODER_FUNCTION").orElse(null));
    }

    String requireChunkEncoder() {
        if (chunkEncoder == null) {
            throw new IllegalStateException("environment variable CHUNK_ENCODER_FUNCTION is not set; the function's "
                    + "template entry must define it");
        }
        return chunkEncoder;
    }
}
