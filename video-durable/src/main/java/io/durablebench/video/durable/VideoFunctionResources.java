package io.durablebench.video.durable;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.video.pipeline.VideoStages;
import io.durablebench.video.pipeline.VideoTestHooks;
import java.util.Map;

/**
 * The AWS wiring of a durable video function instance, kept out of the workflow code: its
 * environment, its metered S3 client and the pipeline stages on it. Made once per handler
 * instance (one invocation at a time, like a Lambda execution environment).
 */
final class VideoFunctionResources {
    final FunctionEnvironment env;
    final StoreMeter meter = new StoreMeter();
    final VideoStages stages;
    final String functionName;
    final VideoTestHooks hooks;

    VideoFunctionResources(Map<String, String> environment, String defaultName) {
        this.env = new FunctionEnvironment(environment);
        this.stages = VideoStages.fromEnvironment(env, meter);
        this.functionName = env.functionName(defaultName);
        this.hooks = VideoTestHooks.fromEnvironment(env);
    }
}
