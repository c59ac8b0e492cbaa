package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Encodes a run of chunks the baseline way, for a job's coordinator (all its chunks) and for a
 * slice coordinator (the slice's): on a thread pool of this invocation, or by sending each chunk to
 * the chunk worker with an asynchronous Invoke and reading the chunk items with one Query per poll
 * (re-sending a chunk whose worker has been silent for longer than its timeout). Either way each
 * finished chunk is one DONE write in its item ({@link ChunkRunner}).
 */
record ChunkFanOut(JobTable table, ChunkRunner runner, WorkerDispatcher dispatcher, BaselineConfig config,
                   Clock clock) {
    /** What the caller does while it waits: renew a lease (a job's coordinator) or nothing (a slice's). */
    interface Waiting {
        Waiting NONE = new Waiting() {
            @Override
            public long untilDue() {
                return Long.MAX_VALUE / 2;
            }

            @Override
            public void tick() {
            }
        };

        /** Milliseconds until {@link #tick} has something to do. */
        long untilDue();

        void tick();
    }

    /**
     * The chunks to encode.
     *
     * @param todo           chunks not DONE yet
     * @param known          their records as read on resume (attempt counts continue from them); empty otherwise
     * @param first          first chunk index of the run (the range polled with workers)
     * @param last           last chunk index of the run
     * @param maxConcurrency chunks at a time; null: all at once
     */
    record Run(String jobId, List<ChunkTask> todo, Map<Integer, ChunkRecord> known, int first, int last,
               FanOutMode fanOut, Integer maxConcurrency) {
    }

    /**
     * Encodes the run, adding each finished chunk to {@code results} and telling {@code progress} of
     * the set of finished chunks after each.
     *
     * @return null when every chunk is done, else why the first failed chunk failed; either way only
     *         once every chunk has ended (done or failed for good), so none writes after the return
     */
    FunctionError encode(Run run, Map<Integer, VideoChunkResult> results, Waiting waiting, JobHooks hooks,
                         Consumer<Set<Integer>> progress) {
        return run.fanOut() == FanOutMode.IN_PROCESS ? inProcess(run, results, waiting, hooks, progress)
                : byWorkers(run, results, waiting, progress);
    }

    // ------------------------------------------------------------------ fan-out: threads

    private FunctionError inProcess(Run run, Map<Integer, VideoChunkResult> results, Waiting waiting, JobHooks hooks,
                                    Consumer<Set<Integer>> progress) {
        if (run.todo().isEmpty()) {
            return null;
        }
        int threads = Math.min(run.todo().size(), run.maxConcurrency() == null ? run.todo().size() : run.maxConcurrency());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "video-chunk-" + run.jobId());
            t.setDaemon(true);
            return t;
        });
        CompletionService<ChunkOutcome> done = new ExecutorCompletionService<>(pool);
        ChunkRunner.Progress recorded = ChunkRunner.Progress.optimized(table, run.jobId(), null);
        Set<Integer> finished = new HashSet<>(results.keySet());
        try {
            for (ChunkTask task : run.todo()) {
                int first = firstAttempt(run.known().get(task.index()));
                done.submit(() -> runner.run(task, first, recorded, hooks));
            }
            FunctionError failure = null;
            for (int remaining = run.todo().size(); remaining > 0; ) {
                Future<ChunkOutcome> f = done.poll(Math.max(1, waiting.untilDue()), TimeUnit.MILLISECONDS);
                waiting.tick();
                if (f == null) {
                    continue;
                }
                remaining--;
                ChunkOutcome outcome;
                try {
                    outcome = f.get();
                } catch (ExecutionException e) {
                    // keep waiting for the others: a failed job compensates only once none can still write
                    failure = failure != null ? failure : chunkFailure(e.getCause());
                    continue;
                }
                results.put(outcome.index(), outcome.toResult(null));
                finished.add(outcome.index());
                progress.accept(finished);
            }
            return failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ fan-out: one invocation per chunk

    private FunctionError byWorkers(Run run, Map<Integer, VideoChunkResult> results, Waiting waiting,
                                    Consumer<Set<Integer>> progress) {
        int limit = run.maxConcurrency() == null ? Integer.MAX_VALUE : run.maxConcurrency();
        List<ChunkTask> waitingToSend = new ArrayList<>(run.todo());
        Map<Integer, ChunkTask> byIndex = new HashMap<>();
        run.todo().forEach(t -> byIndex.put(t.index(), t));
        Map<Integer, Long> inFlight = new HashMap<>(); // chunk -> when it was (last) sent
        Set<Integer> finished = new HashSet<>(results.keySet());
        Map<Integer, ChunkRecord> latest = new HashMap<>(run.known());
        long lostAfter = config.workerLostAfter().toMillis();
        FunctionError failure = null;
        while (!waitingToSend.isEmpty() || !inFlight.isEmpty()) {
            while (inFlight.size() < limit && !waitingToSend.isEmpty()) {
                ChunkTask task = waitingToSend.remove(0);
                dispatcher.dispatch(new WorkerTask(task, firstAttempt(latest.get(task.index())), Coordination.OPTIMIZED));
                inFlight.put(task.index(), clock.millis());
            }
            Waits.sleep(config.pollInterval().toMillis(), "interrupted");
            waiting.tick();
            for (ChunkRecord r : table.chunks(run.jobId(), run.first(), run.last(), false)) {
                latest.put(r.index(), r);
                if (!inFlight.containsKey(r.index())) {
                    continue;
                }
                if (r.done()) {
                    inFlight.remove(r.index());
                    results.put(r.index(), r.outcome().toResult(r.worker()));
                    finished.add(r.index());
                } else if (r.failed()) {
                    // the others run to their end: a failed job compensates only once none can still write
                    inFlight.remove(r.index());
                    failure = failure != null ? failure : new FunctionError(FunctionError.INTERNAL_ERROR, "", "chunk "
                            + r.index() + " failed after " + r.attempts() + " attempt(s): " + r.lastError());
                }
            }
            long now = clock.millis();
            for (Map.Entry<Integer, Long> e : new ArrayList<>(inFlight.entrySet())) {
                ChunkRecord r = latest.get(e.getKey());
                long lastNews = Math.max(e.getValue(), r == null ? 0 : r.updatedAt());
                if (now - lastNews > lostAfter) {
                    // The worker's invocation must have ended without a word (its timeout has passed): send again.
                    dispatcher.dispatch(new WorkerTask(byIndex.get(e.getKey()), firstAttempt(r), Coordination.OPTIMIZED));
                    inFlight.put(e.getKey(), now);
                }
            }
            progress.accept(finished);
        }
        return failure;
    }

    // ------------------------------------------------------------------ helpers

    static int firstAttempt(ChunkRecord record) {
        return record == null ? 1 : record.attempts() + 1;
    }

    private static FunctionError chunkFailure(Throwable cause) {
        if (cause instanceof RuntimeException r && !(cause instanceof ChunkRunner.ChunkFailedException)
                && !(cause instanceof ChunkRunner.SupersededException)) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new FunctionError(FunctionError.INTERNAL_ERROR, "", cause.getMessage());
    }
}
