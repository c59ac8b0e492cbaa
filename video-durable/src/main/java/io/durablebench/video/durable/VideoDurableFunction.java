package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.durable.MeteredDurableHandler;

/**
 * The edge the durable video functions share (the job's, a slice's, a chunk encoder's): each
 * instance's {@link VideoFunctionResources}, its S3 calls primed before a SnapStart snapshot (the
 * runtime's client is primed by the base), and one path for every invocation: the function's task
 * read strictly against the function's bucket, then its workflow run on a {@link VideoCall}.
 *
 * @param <T> the function's task (what its input decodes to)
 * @param <O> what the function answers
 */
abstract class VideoDurableFunction<T, O> extends MeteredDurableHandler<VideoFunctionResources, O> {
    /** Reads a task strictly; {@code path} prefixes the fields named in refusals, {@code bucket} is the only one it may name. */
    @FunctionalInterface
    interface TaskReader<T> {
        T read(JsonNode input, String path, String bucket);
    }

    private final TaskReader<T> reader;

    /**
     * @param defaultName the function's name when Lambda does not give one ({@code AWS_LAMBDA_FUNCTION_NAME})
     * @param reader      how the function reads its task
     */
    VideoDurableFunction(String defaultName, TaskReader<T> reader) {
        super(defaultName, VideoFunctionResources::of);
        this.reader = reader;
    }

    @Override
    protected final void prime(VideoFunctionResources resources) {
        resources.stages().prime();
    }

    @Override
    protected final O handle(JsonNode input, VideoFunctionResources resources, DurableContext ctx,
                             InvocationMeter invocation) {
        T task = reader.read(input, "", resources.stages().config().bucket());
        return run(task, new VideoCall(ctx, resources, () -> metrics(ctx, invocation)));
    }

    /** The function's workflow for a task read and accepted; a refusal found now throws InvalidInputException. */
    protected abstract O run(T task, VideoCall call);
}
