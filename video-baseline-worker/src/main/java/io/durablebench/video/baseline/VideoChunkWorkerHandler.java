package io.durablebench.video.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.MeteredHandler;
import io.durablebench.video.pipeline.JobHooks;
import java.io.InputStream;
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
 * Lambda may still deliver an event twice, and it retries an event whose invocation died with its
 * host under the same request id, also after that invocation recorded its chunk DONE. So the worker
 * first reads its chunk's item (one strongly consistent GetItem): a chunk DONE already is neither
 * encoded nor written again, and the invocation ends with the outcome {@value #ALREADY_DONE} in its
 * answer and its log line (the DONE item keeps what the invocation that encoded it cost, which is
 * what the coordinator adds up). A delivery that passes the read while another runner of the same
 * chunk is still running is stopped by the conditional writes (a later attempt is recorded) or
 * changes nothing (the chunk is DONE, its object the same bytes). The paper's design
 * ({@link Coordination#PAPER}) reproduces the paper's calls and has no such read.
 *
 * <p>The DONE write carries what this invocation cost (its DynamoDB and S3 calls, the read of its
 * item included, that write counted as one UpdateItem call; its capacity and bytes are not known
 * before it is made), so the coordinator's answer can account for the whole job. A forged or broken event is refused before
 * any read or write.
 */
public final class VideoChunkWorkerHandler extends MeteredHandler<WorkerResources> {
    static final String DEFAULT_NAME = "VideoChunkWorkerFunction";
    /** The outcome of a delivery that found its chunk DONE already. */
    static final String ALREADY_DONE = "already-done";

    public VideoChunkWorkerHandler() {
        super(DEFAULT_NAME, WorkerResources::of);
    }

    /** Before a SnapStart snapshot: the S3 and DynamoDB calls primed. */
    @Override
    protected void prime(WorkerResources resources) {
        resources.prime();
    }

    @Override
    protected Answer handle(InputStream input, WorkerResources res, InvocationMeter invocation, Context context) {
        WorkerTask task;
        JobHooks hooks;
        try {
            task = WorkerTask.fromJson(StrictJson.parse(input), res.stages().config().bucket());
            hooks = res.hooks().forJob(task.chunk().faults(), "chunk.faults", task.chunk().jobId(), true);
        } catch (InvalidInputException bad) {
            return AsyncEventAnswers.refused(bad, invocation);
        }
        String jobId = task.chunk().jobId();
        if (task.coordination() == Coordination.OPTIMIZED && alreadyDone(res.table(), task)) {
            return new Answer(Map.of("jobId", jobId, "chunk", task.chunk().index(), "outcome", ALREADY_DONE),
                    invocation.metrics(), ALREADY_DONE);
        }
        Supplier<InvocationMetrics> cost = AsyncEventAnswers.costWithTheLastWrite(invocation);
        ChunkRunner.Progress progress = task.coordination() == Coordination.PAPER
                ? ChunkRunner.Progress.paper(res.paperTable(), res.table(), jobId, cost)
                : ChunkRunner.Progress.optimized(res.table(), jobId, cost);
        String outcome;
        try {
            res.runner().run(task.chunk(), task.firstAttempt(), progress, hooks);
            outcome = "ok";
        } catch (ChunkRunner.ChunkFailedException | ChunkRunner.SupersededException recorded) {
            outcome = recorded.getClass().getSimpleName(); // in the chunk's item already: nothing to retry
        }
        return new Answer(Map.of("jobId", jobId, "chunk", task.chunk().index(), "outcome", outcome),
                invocation.metrics(), outcome);
    }

    /** One GetItem (strongly consistent): whether the task's chunk is recorded DONE. */
    private static boolean alreadyDone(JobTable table, WorkerTask task) {
        return table.chunk(task.chunk().jobId(), task.chunk().index()).map(ChunkRecord::done).orElse(false);
    }
}
