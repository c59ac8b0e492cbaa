package io.durablebench.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run: one CSV row of {@code runs.csv}. Columns and units are defined in
 * {@code results/README.md}; {@link #HEADER} is their order. A figure the target cannot give is
 * {@link #NOT_AVAILABLE} (-1), written as {@code n/a}.
 *
 * @param workload          counter-batch, counter-entity, video or noop
 * @param variant           durable, baseline, baseline-paper (video only) or noop
 * @param mode              batch / entity for counters, the fan-out mode for video, invoke for noop
 * @param experiment        which part of the experiment the run belongs to (main, failure-sweep, chunk-sweep, overhead)
 * @param chunks            video chunks (0 for other workloads)
 * @param failureRate       injected chunk failure probability, 0..1
 * @param seed              random seed of the injected failures and of the run ids
 * @param run               index of the measured run within its configuration, from 0 (warm-ups are not written)
 * @param startTime         when the client sent the run's first request, ISO-8601 UTC
 * @param latencyMs         client-observed end-to-end latency, milliseconds
 * @param serverMs          server-side duration, milliseconds: GetDurableExecution end - start for a durable
 *                          execution, the handler's own duration (sum over the run's requests) otherwise
 * @param invocationMs      time spent inside handler invocations, all of the run's invocations: from the
 *                          executions' histories (InvocationCompleted) on durable, from the answers' handler
 *                          durations (coordinator and chunk workers) on the baseline; what Lambda bills as duration
 * @param operationMs       durable only: time inside the root execution's top-level operations (history)
 * @param encodeMs          video: the chunks' encode times as the answers report them ({@code chunks[i].encodeMillis}),
 *                          summed: the media work, the same code on both sides
 * @param success           the run's answer was a success (no function error, no error document)
 * @param error             the error type when not successful, else empty
 * @param chunkRetries      chunk attempts beyond the first, summed over chunks (video)
 * @param storeRetries      extra HTTP attempts the SDK made to DynamoDB (coordination) beyond one per call
 * @param invocations       handler invocations: first runs, replays, chunk workers / encoders, one per request otherwise
 * @param ddbCalls          DynamoDB calls in total
 * @param ddbByOperation    DynamoDB calls per API operation
 * @param rcu               read capacity units reported as consumed
 * @param wcu               write capacity units reported as consumed
 * @param s3Calls           S3 calls in total
 * @param s3Gets            S3 GetObject calls
 * @param s3Puts            S3 PutObject calls
 * @param executions        durable executions (the run's and its child executions), 0 on the baseline
 * @param checkpointCalls   CheckpointDurableExecution calls over all of them
 * @param durableOperations durable operations created (steps, waits, callbacks, invokes, map/child contexts)
 * @param operationUpdates  operation updates applied
 * @param checkpointBytes   checkpointed payload and error bytes
 * @param costUsd           estimated cost of the run in US dollars from the price table
 * @param maxExecutionOperations durable: the most operations one of the run's executions created (Lambda allows
 *                          3,000 per execution); n/a on the baseline
 * @param maxExecutionBytes durable: the most payload and error bytes one of them checkpointed (Lambda allows 100 MB
 *                          per execution); n/a on the baseline and where the target cannot count bytes
 */
public record RunRecord(String workload, String variant, String mode, String experiment, int chunks,
                        double failureRate, long seed, int run, String startTime, double latencyMs, double serverMs,
                        double invocationMs, double operationMs, double encodeMs, boolean success, String error, long chunkRetries, long storeRetries, long invocations,
                        long ddbCalls, Map<String, Long> ddbByOperation, double rcu, double wcu, long s3Calls,
                        long s3Gets, long s3Puts, long executions, long checkpointCalls, long durableOperations,
                        long operationUpdates, long checkpointBytes, double costUsd, long maxExecutionOperations,
                        long maxExecutionBytes) {
    public static final long NOT_AVAILABLE = -1;
    /** The DynamoDB operations the functions use, each a column of its own (others go to ddb_other). */
    public static final List<String> DDB_OPERATIONS = List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem",
            "Query", "TransactWriteItems");

    public static final List<String> HEADER;

    static {
        List<String> h = new ArrayList<>(List.of("workload", "variant", "mode", "experiment", "chunks", "failure_rate",
                "seed", "run", "start_time", "latency_ms", "server_ms", "invocation_ms", "in_operations_ms", "encode_ms", "success", "error", "chunk_retries",
                "store_retries", "invocations", "ddb_calls"));
        for (String op : DDB_OPERATIONS) {
            h.add("ddb_" + op);
        }
        h.addAll(List.of("ddb_other", "rcu", "wcu", "s3_calls", "s3_get", "s3_put", "durable_executions",
                "checkpoint_calls", "durable_operations", "operation_updates", "checkpoint_bytes", "cost_usd",
                "max_execution_operations", "max_execution_bytes"));
        HEADER = List.copyOf(h);
    }

    public RunRecord {
        ddbByOperation = Map.copyOf(ddbByOperation);
    }

    /** A run without durable per-execution figures. */
    public RunRecord(String workload, String variant, String mode, String experiment, int chunks, double failureRate,
                     long seed, int run, String startTime, double latencyMs, double serverMs, double invocationMs,
                     double operationMs, double encodeMs, boolean success, String error, long chunkRetries,
                     long storeRetries, long invocations, long ddbCalls, Map<String, Long> ddbByOperation, double rcu,
                     double wcu, long s3Calls, long s3Gets, long s3Puts, long executions, long checkpointCalls,
                     long durableOperations, long operationUpdates, long checkpointBytes, double costUsd) {
        this(workload, variant, mode, experiment, chunks, failureRate, seed, run, startTime, latencyMs, serverMs,
                invocationMs, operationMs, encodeMs, success, error, chunkRetries, storeRetries, invocations, ddbCalls,
                ddbByOperation, rcu, wcu, s3Calls, s3Gets, s3Puts, executions, checkpointCalls, durableOperations,
                operationUpdates, checkpointBytes, costUsd, NOT_AVAILABLE, NOT_AVAILABLE);
    }

    public RunRecord withCost(double usd) {
        return new RunRecord(workload, variant, mode, experiment, chunks, failureRate, seed, run, startTime, latencyMs,
                serverMs, invocationMs, operationMs, encodeMs, success, error, chunkRetries, storeRetries, invocations, ddbCalls, ddbByOperation, rcu, wcu,
                s3Calls, s3Gets, s3Puts, executions, checkpointCalls, durableOperations, operationUpdates,
                checkpointBytes, usd, maxExecutionOperations, maxExecutionBytes);
    }

    /** The configuration this run belongs to (everything but the run index and the measurements). */
    public String configuration() {
        return workload + "/" + variant + "/" + mode + "/" + experiment + "/" + chunks + "/" + failureRate;
    }

    /** What the durable side does instead of store calls, for Figure 1: checkpoint calls on durable, DynamoDB calls on a baseline. */
    public long coordinationOps() {
        return variant.equals("durable") ? checkpointCalls : ddbCalls;
    }

    public long ddbOther() {
        long known = 0;
        for (String op : DDB_OPERATIONS) {
            known += ddbByOperation.getOrDefault(op, 0L);
        }
        return ddbCalls - known;
    }

    public List<String> csvValues() {
        List<String> v = new ArrayList<>(List.of(workload, variant, mode, experiment, Integer.toString(chunks),
                num(failureRate), Long.toString(seed), Integer.toString(run), startTime, num(latencyMs), opt(serverMs),
                opt(invocationMs), opt(operationMs), opt(encodeMs), Boolean.toString(success), error.isEmpty() ? "-" : error, Long.toString(chunkRetries),
                Long.toString(storeRetries), opt(invocations), Long.toString(ddbCalls)));
        for (String op : DDB_OPERATIONS) {
            v.add(Long.toString(ddbByOperation.getOrDefault(op, 0L)));
        }
        v.addAll(List.of(Long.toString(ddbOther()), num(rcu), num(wcu), Long.toString(s3Calls), Long.toString(s3Gets),
                Long.toString(s3Puts), Long.toString(executions), opt(checkpointCalls), opt(durableOperations),
                opt(operationUpdates), opt(checkpointBytes), String.format(Locale.ROOT, "%.9f", costUsd),
                opt(maxExecutionOperations), opt(maxExecutionBytes)));
        return v;
    }

    /** Reads a row written by {@link #csvValues()}. */
    public static RunRecord fromCsv(Map<String, String> row) {
        Map<String, Long> ops = new LinkedHashMap<>();
        for (String op : DDB_OPERATIONS) {
            long n = Long.parseLong(row.get("ddb_" + op));
            if (n != 0) {
                ops.put(op, n);
            }
        }
        long other = Long.parseLong(row.get("ddb_other"));
        if (other != 0) {
            ops.put("other", other);
        }
        return new RunRecord(row.get("workload"), row.get("variant"), row.get("mode"), row.get("experiment"),
                Integer.parseInt(row.get("chunks")), Double.parseDouble(row.get("failure_rate")),
                Long.parseLong(row.get("seed")), Integer.parseInt(row.get("run")), row.get("start_time"),
                Double.parseDouble(row.get("latency_ms")), optDouble(row.get("server_ms")),
                optDouble(row.get("invocation_ms")), optDouble(row.get("in_operations_ms")),
                optDouble(row.get("encode_ms")),
                Boolean.parseBoolean(row.get("success")), row.get("error").equals("-") ? "" : row.get("error"),
                Long.parseLong(row.get("chunk_retries")), Long.parseLong(row.get("store_retries")),
                optLong(row.get("invocations")), Long.parseLong(row.get("ddb_calls")), ops,
                Double.parseDouble(row.get("rcu")), Double.parseDouble(row.get("wcu")),
                Long.parseLong(row.get("s3_calls")), Long.parseLong(row.get("s3_get")), Long.parseLong(row.get("s3_put")),
                Long.parseLong(row.get("durable_executions")), optLong(row.get("checkpoint_calls")),
                optLong(row.get("durable_operations")), optLong(row.get("operation_updates")),
                optLong(row.get("checkpoint_bytes")), Double.parseDouble(row.get("cost_usd")),
                optLong(row.getOrDefault("max_execution_operations", "n/a")),
                optLong(row.getOrDefault("max_execution_bytes", "n/a")));
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String opt(double d) {
        return d < 0 ? "n/a" : num(d);
    }

    private static String opt(long n) {
        return n < 0 ? "n/a" : Long.toString(n);
    }

    private static double optDouble(String s) {
        return s.equals("n/a") ? NOT_AVAILABLE : Double.parseDouble(s);
    }

    private static long optLong(String s) {
        return s.equals("n/a") ? NOT_AVAILABLE : Long.parseLong(s);
    }
}
