package io.durablebench.video.baseline;

import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkRetryPolicy;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.VideoStages;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Encodes one chunk with the shared retry policy, recording every failed attempt and the success
 * in the chunk's item: the baseline's equivalent of the durable encode step. Used by the
 * coordinator's threads (fan-out in-process) and by the chunk worker (per-chunk invocations) alike.
 * The wait between attempts is a sleep: the invocation keeps running (and is billed) meanwhile,
 * where the durable function's retry delay is scheduled by the service.
 */
record ChunkRunner(VideoStages stages, ChunkRetryPolicy policy, Clock clock) {
    /** How the runner records progress; each method is one DynamoDB write. */
    interface Progress {
        /**
         * Ours: each failed attempt and the DONE write.
         *
         * @param worker what the worker invocation cost, recorded with DONE for the coordinator's
         *               account; null when the coordinator's own threads encode
         */
        static Progress optimized(JobTable table, String jobId, Supplier<InvocationMetrics> worker) {
            return new Progress() {
                @Override
                public boolean attemptFailed(ChunkTask task, int attempt, String error, Long nextAttemptAt) {
                    return table.attemptFailed(jobId, task.index(), attempt, error, nextAttemptAt);
                }

                @Override
                public void done(ChunkOutcome outcome) {
                    table.chunkDone(jobId, outcome, worker == null ? null : worker.get());
                }
            };
        }

        /** The paper's design: RUNNING once the chunk is taken, then as {@link #optimized}. */
        static Progress paper(PaperJobTable paper, JobTable table, String jobId, Supplier<InvocationMetrics> worker) {
            Progress recorded = optimized(table, jobId, worker);
            return new Progress() {
                @Override
                public void started(ChunkTask task) {
                    paper.chunkRunning(jobId, task.index());
                }

                @Override
                public boolean attemptFailed(ChunkTask task, int attempt, String error, Long nextAttemptAt) {
                    return recorded.attemptFailed(task, attempt, error, nextAttemptAt);
                }

                @Override
                public void done(ChunkOutcome outcome) {
                    recorded.done(outcome);
                }
            };
        }

        /** Paper mode only: the chunk was taken (RUNNING). */
        default void started(ChunkTask task) {
        }

        /** Attempt {@code attempt} failed; {@code nextAttemptAt} null when it was the last. False: stop, another runner is ahead. */
        boolean attemptFailed(ChunkTask task, int attempt, String error, Long nextAttemptAt);

        /** The chunk is stored. */
        void done(ChunkOutcome outcome);
    }

    /** The chunk could not be encoded: attempts exhausted or a failure that is not transient. */
    static final class ChunkFailedException extends RuntimeException {
        final int index;
        final int attempts;

        ChunkFailedException(int index, int attempts, String error) {
            super("chunk " + index + " failed after " + attempts + " attempt(s): " + error, null, false, false);
            this.index = index;
            this.attempts = attempts;
        }
    }

    /** Another runner of the same chunk is ahead (a duplicate delivery): this one stops. */
    static final class SupersededException extends RuntimeException {
        SupersededException(int index, int attempt) {
            super("chunk " + index + ": attempt " + attempt + " is behind another runner of the same chunk; stopping",
                    null, false, false);
        }
    }

    ChunkOutcome run(ChunkTask task, int firstAttempt, Progress progress, JobHooks hooks) {
        progress.started(task);
        for (int attempt = Math.max(1, firstAttempt); ; attempt++) {
            ChunkOutcome outcome;
            try {
                outcome = stages.encode(task, attempt, hooks);
            } catch (RuntimeException error) {
                boolean retry = policy.retries(error, attempt);
                Duration delay = policy.delayAfter(attempt);
                String description = error.getClass().getSimpleName() + ": " + error.getMessage();
                if (!progress.attemptFailed(task, attempt, description,
                        retry ? clock.millis() + delay.toMillis() : null)) {
                    throw new SupersededException(task.index(), attempt);
                }
                if (!retry) {
                    throw new ChunkFailedException(task.index(), attempt, description);
                }
                Waits.sleep(delay.toMillis(), "interrupted while waiting to retry a chunk");
                continue;
            }
            progress.done(outcome);
            return outcome;
        }
    }
}
