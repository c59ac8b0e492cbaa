package io.durablebench.video.baseline;

import static io.durablebench.video.baseline.JobItems.JOB_SK;
import static io.durablebench.video.baseline.JobItems.key;
import static io.durablebench.video.baseline.JobItems.n;
import static io.durablebench.video.baseline.JobItems.pk;
import static io.durablebench.video.baseline.JobItems.s;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB calls of a baseline job's compensation, one method per call: the job item goes from
 * RUNNING to COMPENSATING (so a taken-over job resumes the compensation instead of encoding again),
 * records what has been undone so far (so the final answer counts what an earlier, crashed
 * invocation deleted), and ends FAILED with the answer; the job's other items (chunk and slice
 * items) are deleted in transactions that record them. Every job-item write is conditional on the
 * owner.
 */
record CompensationTable(DynamoDbClient dynamoDb, String table, Clock clock) {
    /** What is recorded in the job item as undone so far. */
    record Undone(int objects, int items, int calls) {
        static final Undone NONE = new Undone(0, 0, 0);
    }

    private static final int BATCH = 25;
    /** Actions per TransactWriteItems (DynamoDB's limit). */
    private static final int TRANSACTION = 100;
    /** One UpdateItem: RUNNING → COMPENSATING, keeping the failure's answer. False when the job is not ours. */
    boolean begin(String jobId, String owner, String failedAnswerJson) {
        return update(jobId, owner, JobRecord.RUNNING, "SET #status = :compensating, #response = :response",
                Map.of(":compensating", s(JobRecord.COMPENSATING), ":response", s(failedAnswerJson)));
    }

    /** One UpdateItem: adds what was just undone to the job item's record. False when the job is not ours. */
    boolean recordUndone(String jobId, String owner, int objects, int items, int calls) {
        return update(jobId, owner, JobRecord.COMPENSATING,
                "ADD undoneObjects :objects, undoneItems :items, undoneCalls :calls",
                Map.of(":objects", n(objects), ":items", n(items), ":calls", n(calls)));
    }

    /** One UpdateItem: COMPENSATING → FAILED with the final answer. False when the job is not ours. */
    boolean finish(String jobId, String owner, String answerJson) {
        return update(jobId, owner, JobRecord.COMPENSATING,
                "SET #status = :failed, #response = :response, expiresAt = :exp "
                        + "REMOVE leaseUntil, undoneObjects, undoneItems, undoneCalls",
                Map.of(":failed", s(JobRecord.FAILED), ":response", s(answerJson), ":exp", JobItems.expiry(clock)));
    }

    /** One GetItem (strongly consistent): what an earlier invocation recorded as undone. */
    Undone undoneSoFar(String jobId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(jobId, JOB_SK))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Undone.NONE;
        }
        return new Undone(num(item, "undoneObjects"), num(item, "undoneItems"), num(item, "undoneCalls"));
    }

    /**
     * Deletes every item of the job but the job item, each TransactWriteItems deleting up to 99 of
     * them together with an update of the job item that adds them (and, in the first, the
     * {@code objects} just deleted from S3 with {@code objectCalls} calls) to what is recorded as
     * undone, conditional on the owner:
     * a crash leaves either both or neither, so the final count stays exact. One consistent Query
     * per page first (keys only).
     *
     * @return items deleted and calls made
     * @throws Lease.LostException the job is no longer ours (the transaction was cancelled)
     */
    Undone deleteOtherItemsRecorded(String jobId, String owner, int objects, int objectCalls) {
        Keys found = otherItems(jobId);
        List<Map<String, AttributeValue>> keys = found.keys();
        int calls = found.calls();
        int from = 0;
        do {
            List<Map<String, AttributeValue>> part = keys.subList(from, Math.min(keys.size(), from + TRANSACTION - 1));
            List<TransactWriteItem> actions = new ArrayList<>();
            part.forEach(k -> actions.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(k)).build()));
            int o = from == 0 ? objects : 0;
            // the S3 calls and the Query go with the first transaction; each transaction counts itself
            int c = (from == 0 ? objectCalls + found.calls() : 0) + 1;
            actions.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(jobId, JOB_SK))
                    .updateExpression("ADD undoneObjects :objects, undoneItems :items, undoneCalls :calls")
                    .conditionExpression("#status = :expected AND #owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                    .expressionAttributeValues(Map.of(":objects", n(o), ":items", n(part.size()), ":calls", n(c),
                            ":expected", s(JobRecord.COMPENSATING), ":me", s(owner)))).build());
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(actions));
            } catch (TransactionCanceledException e) {
                throw new Lease.LostException(jobId);
            }
            calls++;
            from += part.size();
        } while (from < keys.size());
        return new Undone(0, keys.size(), calls);
    }

    /** The keys of the job's items but the job item, and the Query calls that found them. */
    private record Keys(List<Map<String, AttributeValue>> keys, int calls) {
    }

    private Keys otherItems(String jobId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        int calls = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(pk(jobId)))).projectionExpression("pk, sk")
                    .consistentRead(true).exclusiveStartKey(from));
            calls++;
            r.items().stream().filter(i -> !JOB_SK.equals(i.get("sk").s())).forEach(keys::add);
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return new Keys(keys, calls);
    }

    /**
     * Paper mode (no owner, no resumption): deletes every item of the job but the job item, one
     * BatchWriteItem per 25 keys (again for any the service left unprocessed), after the Query.
     *
     * @return items deleted (as the Query found them) and calls made
     */
    Undone deleteOtherItems(String jobId) {
        Keys found = otherItems(jobId);
        List<Map<String, AttributeValue>> keys = found.keys();
        int calls = found.calls();
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<WriteRequest> batch = keys.subList(from, Math.min(keys.size(), from + BATCH)).stream()
                    .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> p = pending;
                BatchWriteItemResponse r = dynamoDb.batchWriteItem(b -> b.requestItems(p));
                calls++;
                pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
                pending = pending.values().stream().allMatch(List::isEmpty) ? Map.of() : pending;
            }
        }
        return new Undone(0, keys.size(), calls);
    }

    private boolean update(String jobId, String owner, String status, String expression,
                           Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":me", s(owner));
        all.put(":expected", s(status));
        Map<String, String> names = new java.util.HashMap<>(Map.of("#owner", "owner", "#status", "status"));
        if (expression.contains("#response")) {
            names.put("#response", "response");
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, JOB_SK)).updateExpression(expression)
                    .conditionExpression("#status = :expected AND #owner = :me")
                    .expressionAttributeNames(names).expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static int num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }
}
