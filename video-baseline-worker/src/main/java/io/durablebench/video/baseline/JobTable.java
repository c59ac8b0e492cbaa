package io.durablebench.video.baseline;

import static io.durablebench.video.baseline.JobItems.CHUNK_PREFIX;
import static io.durablebench.video.baseline.JobItems.JOB_SK;
import static io.durablebench.video.baseline.JobItems.chunkSk;
import static io.durablebench.video.baseline.JobItems.key;
import static io.durablebench.video.baseline.JobItems.n;
import static io.durablebench.video.baseline.JobItems.pk;
import static io.durablebench.video.baseline.JobItems.s;

import io.durablebench.model.aws.PrimingRequests;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.video.pipeline.ChunkOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Every DynamoDB call of the optimized video baseline, one method per call, on the table's job and
 * chunk items ({@link JobItems}). Each status change is a conditional write, so a late or
 * duplicate writer cannot undo a newer state. The paper's design has its own calls
 * ({@link PaperJobTable}).
 */
public record JobTable(DynamoDbClient dynamoDb, String table, Clock clock) {
    /**
     * The table's calls (GetItem, UpdateItem) as priming requests: built and signed by its client and
     * stopped before sending ({@link PrimingRequests}), for a SnapStart snapshot.
     */
    void prime() {
        Map<String, AttributeValue> key = key("priming", JOB_SK);
        PrimingRequests.run(() -> dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)
                .overrideConfiguration(PrimingRequests.marked())));
        PrimingRequests.run(() -> dynamoDb.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("priming")))
                .overrideConfiguration(PrimingRequests.marked())));
    }

    private long now() {
        return clock.millis();
    }

    private AttributeValue expiry() {
        return JobItems.expiry(clock);
    }

    // ------------------------------------------------------------------ job item (ours)

    /** What {@link #claim} found. */
    public record Claim(boolean created, JobRecord existing) {
    }

    /**
     * One PutItem: creates the job RUNNING, owned by {@code owner} until {@code leaseUntil}, if no job
     * with this id exists; otherwise changes nothing and returns the existing job (read by the same
     * call, {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}).
     */
    public Claim claim(String jobId, String requestHash, String owner, long leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>(key(jobId, JOB_SK));
        item.put("status", s(JobRecord.RUNNING));
        item.put("requestHash", s(requestHash));
        item.put("owner", s(owner));
        item.put("leaseUntil", n(leaseUntil));
        item.put("expiresAt", expiry());
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(true, null);
        } catch (ConditionalCheckFailedException e) {
            return new Claim(false, job(e.item()));
        }
    }

    /**
     * One UpdateItem: becomes the owner of a RUNNING (or COMPENSATING) job whose owner is
     * {@code owner} already (Lambda re-delivers an async event with the same request id) or whose
     * lease has passed. Empty when another invocation got there first; then the job as it is now.
     */
    public Optional<JobRecord> takeOver(String jobId, String owner, long leaseUntil) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, JOB_SK))
                    .updateExpression("SET #owner = :me, leaseUntil = :lease, expiresAt = :exp")
                    .conditionExpression("#status IN (:running, :compensating) AND (#owner = :me OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                    .expressionAttributeValues(Map.of(":me", s(owner), ":lease", n(leaseUntil), ":exp", expiry(),
                            ":running", s(JobRecord.RUNNING), ":compensating", s(JobRecord.COMPENSATING),
                            ":now", n(now())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(job(e.item()));
        }
    }

    /** One UpdateItem: extends the lease; false when the job is no longer ours. */
    public boolean renewLease(String jobId, String owner, long leaseUntil) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, JOB_SK))
                    .updateExpression("SET leaseUntil = :lease")
                    .conditionExpression("#status = :running AND #owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                    .expressionAttributeValues(Map.of(":me", s(owner), ":lease", n(leaseUntil),
                            ":running", s(JobRecord.RUNNING))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One UpdateItem: ends a job we own, storing the answer for repeated requests. False if not ours. */
    public boolean finish(String jobId, String owner, String status, String responseJson) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, JOB_SK))
                    .updateExpression("SET #status = :status, #response = :response, expiresAt = :exp REMOVE leaseUntil")
                    .conditionExpression("#status = :running AND #owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status", "#response", "response"))
                    .expressionAttributeValues(Map.of(":me", s(owner), ":running", s(JobRecord.RUNNING),
                            ":status", s(status), ":response", s(responseJson), ":exp", expiry())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * One UpdateItem: records that the job reached crash point {@code point}; true only the first
     * time (so the crash happens once per job).
     */
    public boolean markCrash(String jobId, String point) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, JOB_SK))
                    .updateExpression("ADD crashes :points")
                    .conditionExpression("attribute_not_exists(crashes) OR NOT contains(crashes, :point)")
                    .expressionAttributeValues(Map.of(":points", AttributeValue.fromSs(List.of(point)),
                            ":point", s(point))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One GetItem (strongly consistent). */
    public Optional<JobRecord> job(String jobId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(jobId, JOB_SK))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(job(item));
    }

    // ------------------------------------------------------------------ chunk items

    /**
     * One Query per page (a page holds up to 1 MB, thousands of chunk items): every chunk item of the
     * job. {@code consistent}: a strongly consistent read (twice the read capacity), for resuming a
     * job; a coordinator's polls read eventually consistent items, since a stale read only delays
     * noticing a DONE chunk by a poll.
     */
    public List<ChunkRecord> chunks(String jobId, boolean consistent) {
        return query(jobId, "begins_with(sk, :chunk)", Map.of(":chunk", s(CHUNK_PREFIX)), consistent);
    }

    /** The same for the chunk items of chunks {@code first..last} only (a slice's). */
    public List<ChunkRecord> chunks(String jobId, int first, int last, boolean consistent) {
        return query(jobId, "sk BETWEEN :first AND :last", Map.of(":first", s(chunkSk(first)), ":last",
                s(chunkSk(last))), consistent);
    }

    private List<ChunkRecord> query(String jobId, String skCondition, Map<String, AttributeValue> skValues,
                                    boolean consistent) {
        Map<String, AttributeValue> values = new HashMap<>(skValues);
        values.put(":pk", s(pk(jobId)));
        List<ChunkRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND " + skCondition).expressionAttributeValues(values)
                    .consistentRead(consistent).exclusiveStartKey(from));
            r.items().forEach(i -> out.add(chunk(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** One GetItem (strongly consistent) of one chunk item, empty if there is none. */
    public Optional<ChunkRecord> chunk(String jobId, int index) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(jobId, chunkSk(index)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(chunk(item));
    }

    /**
     * One UpdateItem (creating the item if needed): attempt {@code attempt} failed; RETRYING with the
     * time of the next attempt, or FAILED when there is none. False when the chunk is DONE or a later
     * attempt is recorded already (another worker is ahead: this one stops).
     */
    public boolean attemptFailed(String jobId, int index, int attempt, String error, Long nextAttemptAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(nextAttemptAt == null ? ChunkRecord.FAILED : ChunkRecord.RETRYING));
        values.put(":attempt", n(attempt));
        values.put(":error", s(error.length() > 2000 ? error.substring(0, 2000) : error));
        values.put(":now", n(now()));
        values.put(":done", s(ChunkRecord.DONE));
        values.put(":exp", expiry());
        String update = "SET #status = :status, attempts = :attempt, lastError = :error, updatedAt = :now, expiresAt = :exp";
        if (nextAttemptAt != null) {
            update += ", nextAttemptAt = :next";
            values.put(":next", n(nextAttemptAt));
        } else {
            update += " REMOVE nextAttemptAt";
        }
        String expression = update;
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, chunkSk(index))).updateExpression(expression)
                    .conditionExpression("(attribute_not_exists(#status) OR #status <> :done) "
                            + "AND (attribute_not_exists(attempts) OR attempts < :attempt)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * One UpdateItem (creating the item if needed): the chunk is DONE, with where it is stored and
     * what the worker reported it cost (null when encoded by the coordinator's own threads). False
     * when it was DONE already (a duplicate delivery; the stored chunk is the same bytes).
     */
    public boolean chunkDone(String jobId, ChunkOutcome outcome, InvocationMetrics worker) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", s(ChunkRecord.DONE));
        values.put(":attempt", n(outcome.attempts()));
        values.put(":key", s(outcome.objectKey()));
        values.put(":size", n(outcome.sizeBytes()));
        values.put(":first", n(outcome.firstFrame()));
        values.put(":frames", n(outcome.frameCount()));
        values.put(":millis", AttributeValue.fromN(Double.toString(outcome.encodeMillis())));
        values.put(":now", n(now()));
        values.put(":exp", expiry());
        String update = "SET #status = :done, attempts = :attempt, objectKey = :key, sizeBytes = :size, "
                + "firstFrame = :first, frameCount = :frames, encodeMillis = :millis, updatedAt = :now, expiresAt = :exp"
                + " REMOVE nextAttemptAt";
        if (worker != null) {
            update = update.replace(" REMOVE", ", worker = :worker REMOVE");
            values.put(":worker", s(StrictJson.write(worker)));
        }
        String expression = update;
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, chunkSk(outcome.index())))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#status) OR #status <> :done")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ decoding

    private static JobRecord job(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        Set<String> crashes = item.containsKey("crashes") ? new HashSet<>(item.get("crashes").ss()) : Set.of();
        return new JobRecord(str(item, "status"), str(item, "requestHash"), str(item, "owner"),
                num(item, "leaseUntil"), str(item, "response"), crashes);
    }

    private static ChunkRecord chunk(Map<String, AttributeValue> item) {
        String sk = item.get("sk").s();
        int index = Integer.parseInt(sk.substring(CHUNK_PREFIX.length()));
        String status = str(item, "status");
        int attempts = (int) num(item, "attempts");
        ChunkOutcome outcome = ChunkRecord.DONE.equals(status)
                ? new ChunkOutcome(index, (int) num(item, "firstFrame"), (int) num(item, "frameCount"),
                str(item, "objectKey"), num(item, "sizeBytes"), attempts,
                Double.parseDouble(item.get("encodeMillis").n()))
                : null;
        String worker = str(item, "worker");
        InvocationMetrics metrics = null;
        if (worker != null) {
            try {
                metrics = StrictJson.mapper().readValue(worker, InvocationMetrics.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("chunk " + index + ": unreadable worker metrics", e);
            }
        }
        return new ChunkRecord(index, status, attempts, num(item, "updatedAt"), outcome, metrics,
                str(item, "lastError"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

}
