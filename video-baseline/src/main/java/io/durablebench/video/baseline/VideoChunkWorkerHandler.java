package io.durablebench.video.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.model.FunctionError;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationLog;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One chunk of a baseline video job, sent by the coordinator with an asynchronous Invoke. It
 * encodes the chunk with the shared retry policy (sleeping between attempts), recording every failed
 * attempt and the result in the chunk's item; the coordinator learns of it by reading the items.
 *
 * <p>It does not rely on Lambda's retries of asynchronous events (two, one and two minutes later):
 * transient failures are retried here, at the policy's pace, and a worker that dies without a word
 * is noticed by the coordinator (no news for longer than the worker's timeout) and sent again.
 * Lambda may still deliver an event twice; the conditional writes make the second delivery stop
 * (a later attempt is recorded) or change nothing (the chunk is DONE, its object the same bytes).
 *
 * <p>The DONE write carries what this invocation cost (its DynamoDB and S3 calls, that write counted
 * as one UpdateItem call; its capacity and bytes are not known before it is made), so the
 * coordinator's answer can account for the whole job.
 */
public final class VideoChunkWorkerHandler implements RequestStreamHandler {
    static final String DEFAULT_NAME = "VideoChunkWorkerFunction";
    private static final StoreMetrics THE_DONE_WRITE = new StoreMetrics(1, Map.of("UpdateItem", 1L), 0, 0, 0, 0, 0, 0);

    private final Map<String, String> environment;
    private volatile BaselineResources resources;

    public VideoChunkWorkerHandler() {
        this(System.getenv());
    }

    public VideoChunkWorkerHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        BaselineResources res = resources();
        StoreMetrics ddbBefore = res.meter.snapshot(StoreMeter.DYNAMODB);
        StoreMetrics s3Before = res.meter.snapshot(StoreMeter.S3);
        String requestId = context == null ? "local" : context.getAwsRequestId();
        WorkerTask task;
        JobHooks hooks;
        try {
            task = WorkerTask.fromJson(StrictJson.parse(input), res.stages.config().bucket());
            hooks = res.hooks.forJob(task.chunk().faults(), "chunk.faults", task.chunk().jobId(), true);
        } catch (InvalidInputException bad) {
            // Refused before any read or write: a forged or broken event changes nothing.
            InvocationLog.emit(new InvocationMetrics(res.functionName, requestId, (System.nanoTime() - started) / 1e6,
                    StoreMetrics.NONE, StoreMetrics.NONE, null), "invalid-input");
            output.write(StrictJson.writeBytes(Map.of("error", FunctionError.of(bad))));
            return;
        }
        String jobId = task.chunk().jobId();
        Supplier<InvocationMetrics> cost = () -> new InvocationMetrics(res.functionName, requestId,
                (System.nanoTime() - started) / 1e6,
                res.meter.snapshot(StoreMeter.DYNAMODB).minus(ddbBefore).plus(THE_DONE_WRITE),
                res.meter.snapshot(StoreMeter.S3).minus(s3Before), null);
        ChunkRunner.Progress progress = task.coordination() == Coordination.PAPER
                ? PaperCoordinator.paperProgress(res.table, jobId, cost)
                : new ChunkRunner.Progress() {
                    @Override
                    public boolean attemptFailed(ChunkTask t, int attempt, String error, Long nextAttemptAt) {
                        return res.table.attemptFailed(jobId, t.index(), attempt, error, nextAttemptAt);
                    }

                    @Override
                    public void done(ChunkOutcome outcome) {
                        res.table.chunkDone(jobId, outcome, cost.get());
                    }
                };
        String outcome;
        try {
            res.runner.run(task.chunk(), task.firstAttempt(), progress, hooks);
            outcome = "ok";
        } catch (ChunkRunner.ChunkFailedException | ChunkRunner.SupersededException recorded) {
            outcome = recorded.getClass().getSimpleName(); // in the chunk's item already: nothing to retry
        }
        InvocationMetrics metrics = new InvocationMetrics(res.functionName, requestId,
                (System.nanoTime() - started) / 1e6, res.meter.snapshot(StoreMeter.DYNAMODB).minus(ddbBefore),
                res.meter.snapshot(StoreMeter.S3).minus(s3Before), null);
        InvocationLog.emit(metrics, outcome);
        output.write(StrictJson.writeBytes(Map.of("jobId", jobId, "chunk", task.chunk().index(), "outcome", outcome)));
    }

    private BaselineResources resources() {
        BaselineResources r = resources;
        if (r == null) {
            synchronized (this) {
                if (resources == null) {
                    resources = new BaselineResources(new FunctionEnvironment(environment), DEFAULT_NAME, false);
                }
                r = resources;
            }
        }
        return r;
    }
}
