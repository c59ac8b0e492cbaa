package io.durablebench.video.pipeline;

/**
 * How a job with more chunks than one coordinator may own is cut into slices: consecutive runs of
 * {@code sliceChunks} chunks (the last one shorter), each encoded by a child of its own (a durable
 * child execution, or a baseline slice coordinator), the same way on both sides.
 *
 * <p><b>Why 1,000 chunks per slice by default.</b> The binding limit is the durable side's: Lambda
 * allows a durable execution 3,000 operations and 100 MB of checkpointed data
 * ({@code DurableExecutionOperations} and {@code DurableExecutionStorageWrittenBytes}, CloudWatch
 * metrics of durable functions), and 262,144 bytes per operation payload. A slice's execution
 * creates one operation per chunk (its encode step, or the chained invoke of its chunk encoder) and
 * one for its map: 1,001 operations, a third of the limit, so a slice keeps its margin even if each
 * chunk ever needed two operations. Its input carries one chunk plan per chunk, about 75 bytes
 * each: some 75 KB, under a third of the payload limit. Its checkpoints are about half a kilobyte
 * per chunk without failures (results/chunk-sweep: 500 KB for a 1,000-chunk job), some 0.5 % of the
 * 100 MB. The job's own execution then has 5 operations plus 2 per slice (the slice's split step and
 * its invoke): 25 at 10,000 chunks, with 1.43 MB checkpointed (each slice's chunk plans twice). {@link #MAX_SLICE_CHUNKS} is the largest configurable size that still
 * keeps a slice under both per-execution limits and its input under the payload limit.
 *
 * <p><b>Concurrency.</b> A request's {@code maxConcurrency} bounds the chunks encoding at the same
 * time across the whole job: {@link #slicesAtOnce} slices run together, each with at most
 * {@link #chunksAtOnceInSlice} chunks at a time, whose product never exceeds it.
 *
 * @param chunkCount  chunks of the job
 * @param sliceChunks chunks per slice ({@code VIDEO_SLICE_CHUNKS}); a job of at most this many
 *                    chunks is not sliced
 */
public record JobSlices(int chunkCount, int sliceChunks) {
    public static final int DEFAULT_SLICE_CHUNKS = 1000;
    public static final int MAX_SLICE_CHUNKS = 2500;

    public JobSlices {
        if (chunkCount < 1 || sliceChunks < 1 || sliceChunks > MAX_SLICE_CHUNKS) {
            throw new IllegalArgumentException("chunkCount must be at least 1 and sliceChunks 1.." + MAX_SLICE_CHUNKS
                    + ", got " + chunkCount + " and " + sliceChunks);
        }
    }

    /** Whether the job runs in slices (more chunks than one slice holds). */
    public boolean sliced() {
        return chunkCount > sliceChunks;
    }

    public int sliceCount() {
        return (chunkCount + sliceChunks - 1) / sliceChunks;
    }

    public int firstChunk(int slice) {
        return slice * sliceChunks;
    }

    public int chunksIn(int slice) {
        return Math.min(sliceChunks, chunkCount - firstChunk(slice));
    }

    /** Slices running at the same time under the job's {@code maxConcurrency} (null: no limit). */
    public int slicesAtOnce(Integer maxConcurrency) {
        if (maxConcurrency == null) {
            return sliceCount();
        }
        return Math.max(1, Math.min(sliceCount(), maxConcurrency / sliceChunks));
    }

    /** Chunks encoding at the same time within one slice (null: no limit). */
    public Integer chunksAtOnceInSlice(Integer maxConcurrency) {
        return maxConcurrency == null ? null : Math.min(maxConcurrency, sliceChunks);
    }
}
